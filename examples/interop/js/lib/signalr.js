"use strict";

// Small helpers around the official JavaScript client, shared by the test files.

const signalR = require("@microsoft/signalr");
const { MessagePackHubProtocol } = require("@microsoft/signalr-protocol-msgpack");
const { TIMEOUT_MS, deferred, inbox, uniqueName, withTimeout } = require("./waiting");

const { HttpTransportType } = signalR;

/** The hub protocols every hub test runs with. */
const PROTOCOLS = [
  { name: "json", create: () => new signalR.JsonHubProtocol() },
  { name: "messagepack", create: () => new MessagePackHubProtocol() },
];
const [JSON_PROTOCOL, MESSAGEPACK_PROTOCOL] = PROTOCOLS;

/** The transports the client runs under Node; `name` is also what the server's `GetActiveTransportName` answers. */
const TRANSPORTS = [
  { name: "WebSockets", type: HttpTransportType.WebSockets },
  { name: "ServerSentEvents", type: HttpTransportType.ServerSentEvents },
  { name: "LongPolling", type: HttpTransportType.LongPolling },
];
const [WEBSOCKETS, SERVER_SENT_EVENTS, LONG_POLLING] = TRANSPORTS;
/** Lets the client pick any transport (what it does when no transport is given). */
const ANY_TRANSPORT = HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling;

/**
 * The upstream test matrix under Node (official-clients.md §2.1): every transport with JSON, and every transport but
 * Server-Sent Events (text only) with MessagePack. Each entry can be spread into the options of `buildHub`.
 */
const MATRIX = PROTOCOLS.flatMap((protocol) => TRANSPORTS
  .filter((transport) => !(protocol === MESSAGEPACK_PROTOCOL && transport === SERVER_SENT_EVENTS))
  .map((transport) => ({ protocol, transport: transport.type, transportName: transport.name,
    title: `using ${protocol.name} over ${transport.name} transport` })));

/** The client's log level: SIGNALR_LOG_LEVEL names a `LogLevel` member (e.g. "Debug"); silent by default. */
function logLevel() {
  return signalR.LogLevel[process.env.SIGNALR_LOG_LEVEL || "None"] ?? signalR.LogLevel.None;
}

/**
 * Builds (but does not start) a hub connection. WebSockets and JSON unless `options` say otherwise; `configure`
 * may add to the builder (e.g. `(b) => b.withAutomaticReconnect()`); `transportName` and `title` (from `MATRIX`) are
 * ignored; any other option goes to `withUrl` (headers, skipNegotiation, accessTokenFactory, httpClient, ...).
 */
function buildHub(url, {
  protocol = JSON_PROTOCOL, transport = HttpTransportType.WebSockets, configure = (builder) => builder,
  transportName, title, ...options
} = {}) {
  const builder = new signalR.HubConnectionBuilder()
    .withUrl(url, { transport, ...options })
    .withHubProtocol(protocol.create())
    .configureLogging(logLevel());
  return configure(builder).build();
}

/** Builds (but does not start) a hub connection that is stopped when test `t` ends. */
function createHub(t, url, options) {
  const connection = buildHub(url, options);
  t.after(() => connection.stop());
  return connection;
}

/** Builds and starts a hub connection that is stopped when test `t` ends. */
async function startHub(t, url, options) {
  const connection = createHub(t, url, options);
  await withTimeout(connection.start(), `start of ${url}`);
  return connection;
}

/** Resolves with the error given to the connection's next `onclose` (undefined for a clean close). */
function nextClose(connection) {
  return new Promise((resolve) => connection.onclose(resolve));
}

/**
 * Runs `work(error)` from inside the connection's `onclose` callback, on its first close only (the upstream
 * restart tests start the connection again from there). Resolves with what `work` resolved.
 */
function onFirstClose(connection, work) {
  const done = deferred();
  let closes = 0;
  connection.onclose((error) => {
    if (closes++ === 0) done.resolve(Promise.resolve().then(() => work(error)));
  });
  return withTimeout(done.promise, "the work done in onclose");
}

/** A queue of events: `push(value)` records one, `next(what)` resolves with the oldest one not yet taken. */
function eventQueue() {
  const values = [];
  const waiters = [];
  let taken = 0;
  return {
    values,
    push(value) {
      values.push(value);
      if (waiters.length > 0) waiters.shift().resolve(values[taken++]);
    },
    next(what) {
      if (taken < values.length) return Promise.resolve(values[taken++]);
      const waiter = deferred();
      waiters.push(waiter);
      return withTimeout(waiter.promise, what);
    },
  };
}

/**
 * Records a connection's automatic-reconnect events. `reconnecting` / `reconnected` hold the arguments of every call
 * so far; `nextReconnecting()` / `nextReconnected()` resolve with the next one not yet taken.
 */
function reconnectEvents(connection) {
  const reconnecting = eventQueue();
  const reconnected = eventQueue();
  connection.onreconnecting((error) => reconnecting.push(error));
  connection.onreconnected((connectionId) => reconnected.push(connectionId));
  return {
    reconnecting: reconnecting.values,
    reconnected: reconnected.values,
    nextReconnecting: () => reconnecting.next("onreconnecting"),
    nextReconnected: () => reconnected.next("onreconnected"),
  };
}

/** Induces an automatic reconnect the way the upstream tests do: through the client's private `serverTimeout()`. */
function induceReconnect(connection) {
  connection.serverTimeout();
}

/**
 * Subscribes to a stream result and resolves, once it ended, with what it delivered:
 * `{ items, error }` where `error` is undefined when the stream completed.
 */
function collect(streamResult) {
  const items = [];
  const ended = deferred();
  streamResult.subscribe({
    next: (item) => items.push(item),
    complete: () => ended.resolve({ items, error: undefined }),
    error: (error) => ended.resolve({ items, error }),
  });
  return withTimeout(ended.promise, "the end of the stream");
}

/** GETs `url` and resolves with `{ status, body }` (the body as text). */
async function httpGet(url, headers = {}) {
  const response = await withTimeout(fetch(url, { headers }), `GET ${url}`);
  return { status: response.status, body: await response.text() };
}

/** A JWT from the server's `/generateJwtToken` (for user `testuser`) or `/generateJwtToken/<name>`. */
async function getJwtToken(baseUrl, name) {
  const { status, body } = await httpGet(`${baseUrl}/generateJwtToken${name === undefined ? "" : `/${name}`}`);
  if (status !== 200) throw new Error(`/generateJwtToken answered ${status}: ${body}`);
  return body;
}

/** Returns `name` with a random mix of upper and lower case that differs from `name` itself. */
function randomCase(name) {
  const recased = [...name].map((c) => (Math.random() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join("");
  return recased === name ? name.toUpperCase() : recased;
}

module.exports = {
  signalR,
  TIMEOUT_MS,
  PROTOCOLS,
  JSON_PROTOCOL,
  MESSAGEPACK_PROTOCOL,
  TRANSPORTS,
  WEBSOCKETS,
  SERVER_SENT_EVENTS,
  LONG_POLLING,
  ANY_TRANSPORT,
  MATRIX,
  logLevel,
  withTimeout,
  deferred,
  buildHub,
  createHub,
  startHub,
  nextClose,
  onFirstClose,
  reconnectEvents,
  induceReconnect,
  collect,
  httpGet,
  getJwtToken,
  inbox,
  randomCase,
  uniqueName,
};
