"use strict";

// Port of the upstream ConnectionTests.ts (the connection layer below the hubs, against the raw /echo endpoint)
// and WebSocketTests.ts (a plain WebSocket to /echo, no negotiate).

const { describe, it } = require("node:test");
const assert = require("node:assert/strict");
const WebSocket = require("ws");
const { HttpConnection } = require("@microsoft/signalr/dist/cjs/HttpConnection");
const { useInteropServer } = require("../lib/interop-server");
const { TRANSPORTS, deferred, logLevel, signalR, withTimeout } = require("../lib/signalr");

const server = useInteropServer();
const { HttpTransportType, TransferFormat } = signalR;

/**
 * Starts an HttpConnection to /echo, sends one text message and returns what came back and how it closed;
 * `whileStarted(connection)` runs once it started.
 */
async function echoOnce(t, url, options = {}, whileStarted = () => {}) {
  const connection = new HttpConnection(url, { logger: logLevel(), ...options });
  t.after(() => connection.stop());
  const received = deferred();
  const closed = deferred();
  connection.onreceive = received.resolve;
  connection.onclose = closed.resolve;

  await withTimeout(connection.start(TransferFormat.Text), `start of ${url}`);
  whileStarted(connection);
  await connection.send("Hello World!");
  const echoed = await withTimeout(received.promise, "the echo");
  await connection.stop();
  return { echoed, closeError: await withTimeout(closed.promise, "onclose") };
}

describe("connection", () => {
  it("can connect to the server without specifying transport explicitly", async (t) => {
    assert.deepEqual(await echoOnce(t, `${server.url}/echo`), { echoed: "Hello World!", closeError: undefined });
  });

  for (const transport of TRANSPORTS) {
    it(`over ${transport.name}: can send and receive messages`, async (t) => {
      const result = await echoOnce(t, `${server.url}/echo`, { transport: transport.type });

      assert.deepEqual(result, { echoed: "Hello World!", closeError: undefined });
    });
  }

  // Under Node the WebSocket client (ws) does not follow the 307, so the client falls back to long polling, whose
  // requests (fetch) do follow it.
  it("follows HTTP redirects", async (t) => {
    const url = `${server.url}/echoredirect`;
    const transport = HttpTransportType.WebSockets | HttpTransportType.LongPolling;

    const result = await echoOnce(t, url, { transport }, (connection) => {
      assert.equal(connection.transport.constructor.name, "LongPollingTransport");
    });

    assert.deepEqual(result, { echoed: "Hello World!", closeError: undefined });
  });

  it("contains server response in error", async (t) => {
    const connection = new HttpConnection(`${server.url}/bad-negotiate`, { logger: logLevel() });
    t.after(() => connection.stop());

    await assert.rejects(connection.start(TransferFormat.Text), {
      message: "Failed to complete negotiation with the server: Error: Some response from server: Status code '400'",
    });
  });
});

describe("WebSockets", () => {
  it("can be used to connect to SignalR", async () => {
    const webSocket = new WebSocket(`${server.url.replace(/^http/, "ws")}/echo`);
    const received = deferred();
    const closed = deferred();
    webSocket.onopen = () => webSocket.send("message");
    webSocket.onmessage = (event) => {
      received.resolve(event.data);
      webSocket.close();
    };
    webSocket.onerror = (event) => received.reject(new Error(`WebSocket error: ${event.message}`));
    webSocket.onclose = (event) => {
      received.reject(new Error(`WebSocket closed before the echo (code ${event.code})`));
      closed.resolve({ code: event.code, wasClean: event.wasClean });
    };

    assert.equal(await withTimeout(received.promise, "the echo"), "message");
    assert.deepEqual(await withTimeout(closed.promise, "the close"), { code: 1000, wasClean: true });
  });
});
