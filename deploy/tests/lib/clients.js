"use strict";

// The official JavaScript client as the deploy tests use it: every transport and hub protocol, started through a
// proxy's URL. The waiting and server-process helpers are shared with the interop suite (Node built-ins only).

const path = require("node:path");
const signalR = require("@microsoft/signalr");
const { MessagePackHubProtocol } = require("@microsoft/signalr-protocol-msgpack");
const { withTimeout } = require("../../../examples/interop/js/lib/waiting");

const { HttpTransportType } = signalR;
const EXAMPLES = path.resolve(__dirname, "..", "..", "..", "examples");
/** The shaded jars the examples build, or INTEROP_JAR / CHAT_JAR (set by the Maven build). */
const INTEROP_JAR = process.env.INTEROP_JAR || path.join(EXAMPLES, "interop", "target", "switchboard-interop.jar");
const CHAT_JAR = process.env.CHAT_JAR || path.join(EXAMPLES, "chat", "target", "switchboard-chat.jar");

const JSON_PROTOCOL = { name: "json", create: () => new signalR.JsonHubProtocol() };
const MESSAGEPACK_PROTOCOL = { name: "messagepack", create: () => new MessagePackHubProtocol() };
const WEBSOCKETS = { name: "WebSockets", type: HttpTransportType.WebSockets };
const SERVER_SENT_EVENTS = { name: "ServerSentEvents", type: HttpTransportType.ServerSentEvents };
const LONG_POLLING = { name: "LongPolling", type: HttpTransportType.LongPolling };
/** What the client tries when no transport is given: WebSockets, then Server-Sent Events, then long polling. */
const ANY_TRANSPORT = WEBSOCKETS.type | SERVER_SENT_EVENTS.type | LONG_POLLING.type;

/** Every transport with JSON, and every transport but Server-Sent Events (text only) with MessagePack. */
const MATRIX = [JSON_PROTOCOL, MESSAGEPACK_PROTOCOL].flatMap((protocol) =>
  [WEBSOCKETS, SERVER_SENT_EVENTS, LONG_POLLING]
    .filter((transport) => !(protocol === MESSAGEPACK_PROTOCOL && transport === SERVER_SENT_EVENTS))
    .map((transport) => ({ protocol, transport, title: `${protocol.name} over ${transport.name}` })));

/**
 * Builds (but does not start) a connection to `url`, stopped when test `t` ends; `reconnect: true` turns on the
 * client's automatic reconnect (its default delays); extra options go to `withUrl`.
 */
function createHub(t, url, { protocol = JSON_PROTOCOL, transport = WEBSOCKETS, reconnect = false, ...options } = {}) {
  const builder = new signalR.HubConnectionBuilder()
    .withUrl(url, { transport: typeof transport === "number" ? transport : transport.type, ...options })
    .withHubProtocol(protocol.create())
    .configureLogging(signalR.LogLevel[process.env.SIGNALR_LOG_LEVEL || "None"] ?? signalR.LogLevel.None);
  const connection = (reconnect ? builder.withAutomaticReconnect() : builder).build();
  t.after(() => connection.stop());
  return connection;
}

/** Builds and starts a connection that is stopped when test `t` ends. */
async function startHub(t, url, options) {
  const connection = createHub(t, url, options);
  await withTimeout(connection.start(), `start of ${url}`);
  return connection;
}

module.exports = {
  INTEROP_JAR, CHAT_JAR, JSON_PROTOCOL, MESSAGEPACK_PROTOCOL, WEBSOCKETS, SERVER_SENT_EVENTS, LONG_POLLING,
  ANY_TRANSPORT, MATRIX, createHub, startHub,
};
