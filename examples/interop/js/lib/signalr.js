"use strict";

// Small helpers around the official JavaScript client, shared by the test files.

const signalR = require("@microsoft/signalr");
const { MessagePackHubProtocol } = require("@microsoft/signalr-protocol-msgpack");
const { TIMEOUT_MS, deferred, inbox, uniqueName, withTimeout } = require("./waiting");

/** The hub protocols every hub test runs with. */
const PROTOCOLS = [
  { name: "json", create: () => new signalR.JsonHubProtocol() },
  { name: "messagepack", create: () => new MessagePackHubProtocol() },
];

/** The client's log level: SIGNALR_LOG_LEVEL names a `LogLevel` member (e.g. "Debug"); silent by default. */
function logLevel() {
  return signalR.LogLevel[process.env.SIGNALR_LOG_LEVEL || "None"] ?? signalR.LogLevel.None;
}

/**
 * Builds (but does not start) a hub connection. WebSockets and JSON unless `options` say otherwise; any other
 * option goes to `withUrl` (headers, skipNegotiation, ...).
 */
function buildHub(url, { protocol = PROTOCOLS[0], transport = signalR.HttpTransportType.WebSockets, ...options } = {}) {
  return new signalR.HubConnectionBuilder()
    .withUrl(url, { transport, ...options })
    .withHubProtocol(protocol.create())
    .configureLogging(logLevel())
    .build();
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

/** Returns `name` with a random mix of upper and lower case that differs from `name` itself. */
function randomCase(name) {
  const recased = [...name].map((c) => (Math.random() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join("");
  return recased === name ? name.toUpperCase() : recased;
}

module.exports = {
  signalR,
  TIMEOUT_MS,
  PROTOCOLS,
  logLevel,
  withTimeout,
  deferred,
  buildHub,
  createHub,
  startHub,
  nextClose,
  onFirstClose,
  inbox,
  randomCase,
  uniqueName,
};
