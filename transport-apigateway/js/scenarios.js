// The official JavaScript client through the emulated API Gateway WebSocket API: one scenario per
// run, named by the first argument ('node scenarios.js invoke'); API_URL (and API_URL_2, another
// node's API) name the stages. Exits 0 when the scenario held, 1 with the reason otherwise.
"use strict";
const assert = require("node:assert/strict");
const signalR = require("@microsoft/signalr");
const { MessagePackHubProtocol } = require("@microsoft/signalr-protocol-msgpack");
const WebSocket = require("ws");

const API_URL = process.env.API_URL;
const API_URL_2 = process.env.API_URL_2;

/** A connection as API Gateway requires it: no negotiate, WebSockets, a token in the query string. */
function connect(url, { user = "alice", protocol, reconnect } = {}) {
  const builder = new signalR.HubConnectionBuilder()
    .withUrl(url, {
      skipNegotiation: true,
      transport: signalR.HttpTransportType.WebSockets,
      accessTokenFactory: user ? () => user : undefined,
    })
    .configureLogging(process.env.CLIENT_LOG_LEVEL ? signalR.LogLevel[process.env.CLIENT_LOG_LEVEL] : signalR.LogLevel.Warning);
  if (protocol) builder.withHubProtocol(protocol);
  if (reconnect) builder.withAutomaticReconnect(reconnect);
  return builder.build();
}

function closed(connection) {
  return new Promise((resolve) => connection.onclose((error) => resolve(error)));
}

function received(connection, method) {
  return new Promise((resolve) => connection.on(method, (...args) => resolve(args)));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A raw socket on the stage, for what the official client never sends. */
function rawSocket(query = "access_token=alice") {
  const socket = new WebSocket(API_URL.replace(/^http/, "ws") + "?" + query);
  const close = new Promise((resolve) => socket.on("close", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    socket.on("open", () => resolve({ socket, close }));
    socket.on("error", reject);
  });
}

const scenarios = {
  async invoke() {
    const connection = connect(API_URL);
    await connection.start();
    assert.equal(await connection.invoke("Echo", "hello"), "hello");
    assert.equal(await connection.invoke("WhoAmI"), "alice");
    const receive = received(connection, "Receive");
    await connection.invoke("SendToCaller", "pushed");
    assert.deepEqual(await receive, ["pushed"]);
    await connection.stop();
  },

  async unauthorized() {
    const connection = connect(API_URL, { user: null });
    await assert.rejects(connection.start());
    assert.equal(connection.state, signalR.HubConnectionState.Disconnected);
  },

  async groups() {
    const first = connect(API_URL, { user: "alice" });
    const second = connect(API_URL_2, { user: "bob" });
    await Promise.all([first.start(), second.start()]);
    await Promise.all([first.invoke("Join", "room"), second.invoke("Join", "room")]);
    const onSecond = received(second, "Receive");
    const onFirst = received(first, "Receive");
    await first.invoke("SendToGroup", "room", "across nodes");
    assert.deepEqual(await onSecond, ["across nodes"]);
    assert.deepEqual(await onFirst, ["across nodes"]);
    await Promise.all([first.stop(), second.stop()]);
  },

  async streaming() {
    const connection = connect(API_URL);
    await connection.start();
    const items = await new Promise((resolve, reject) => {
      const seen = [];
      connection.stream("Count", 5).subscribe({
        next: (item) => seen.push(item),
        complete: () => resolve(seen),
        error: reject,
      });
    });
    assert.deepEqual(items, [0, 1, 2, 3, 4]);
    await connection.stop();
  },

  async "large-results"() {
    // Over one 32 KB frame but under the 128 KB message limit: it arrives whole.
    const connection = connect(API_URL);
    await connection.start();
    assert.equal((await connection.invoke("Big", 100000)).length, 100000);
    await connection.stop();
  },

  async "outbound-limit"() {
    const connection = connect(API_URL);
    const end = closed(connection);
    await connection.start();
    await assert.rejects(connection.invoke("Big", 200000));
    const error = await end;
    assert.match(String(error), /larger than API Gateway's limit of 131072 bytes/);
  },

  async "inbound-frame-limit"() {
    const connection = connect(API_URL);
    const end = closed(connection);
    await connection.start();
    await assert.rejects(connection.invoke("Echo", "y".repeat(40000)));
    assert.match(String(await end), /1009/);
  },

  async "inbound-message-limit"() {
    // Five fragments of 30 KB: every frame is allowed, the message of 150 KB is not.
    const { socket, close } = await rawSocket();
    const fragment = "z".repeat(30000);
    for (let i = 0; i < 5; i++) socket.send(fragment, { fin: i === 4 });
    assert.equal(await close, 1009);
  },

  async "binary-refused"() {
    const { socket, close } = await rawSocket();
    socket.send(Buffer.from([1, 2, 3]), { binary: true });
    assert.equal(await close, 1003);
  },

  async messagepack() {
    const connection = connect(API_URL, { protocol: new MessagePackHubProtocol() });
    await assert.rejects(
      connection.start(),
      /Cannot use the 'messagepack' protocol on the current transport. The transport does not support 'Binary' transfer format./
    );
  },

  async "keep-alive"() {
    // The server's pings (every second or so: the hubs' heartbeat) keep the socket open through
    // twice the emulator's idle timeout.
    const connection = connect(API_URL);
    let closedWith;
    connection.onclose((error) => (closedWith = error ?? "closed"));
    await connection.start();
    await sleep(Number(process.env.IDLE_MILLIS) * 2);
    assert.equal(closedWith, undefined);
    assert.equal(await connection.invoke("Echo", "still here"), "still here");
    await connection.stop();
  },

  async "idle-reconnect"() {
    // No pings within the emulator's idle timeout: it closes the socket and the client reconnects.
    const connection = connect(API_URL, { reconnect: [0, 0, 100] });
    const reconnected = new Promise((resolve) => connection.onreconnected(resolve));
    await connection.start();
    await reconnected;
    assert.equal(await connection.invoke("Echo", "again"), "again");
    await connection.stop();
  },
};

const name = process.argv[2];
if (!scenarios[name]) {
  console.error(`Unknown scenario '${name}'; known: ${Object.keys(scenarios).join(", ")}`);
  process.exit(2);
}
scenarios[name]().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);
