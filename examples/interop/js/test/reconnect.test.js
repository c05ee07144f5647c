"use strict";

// The server timeout and automatic reconnect: upstream HubConnectionTests.ts block B ("terminates if no messages
// received within timeout interval", "can reconnect") per transport, and block C ("can reconnect after negotiate
// redirect", "can reconnect after skipping negotiation", "connection id matches server side connection id").
// Upstream's "can change url in reconnecting state" checks only a client-side setter (and would send the reconnect to
// an outside host), so it is not ported.

const { describe, it } = require("node:test");
const assert = require("node:assert/strict");
const { useInteropServer } = require("../lib/interop-server");
const {
  LONG_POLLING, TRANSPORTS, WEBSOCKETS, createHub, induceReconnect, nextClose, reconnectEvents, startHub, withTimeout,
} = require("../lib/signalr");

const server = useInteropServer();
const hubUrl = () => `${server.url}/testhub`;
const redirectUrl = () => `${server.url}/redirect?numRedirects=0&baseUrl=${server.url}`;
const withAutomaticReconnect = (builder) => builder.withAutomaticReconnect();

for (const transport of TRANSPORTS) {
  describe(`over ${transport.name} transport`, () => {
    const options = { transport: transport.type };

    // Long polling is inherently kept alive: the client runs no server timeout there.
    if (transport !== LONG_POLLING) {
      it("terminates if no messages received within timeout interval", async (t) => {
        const connection = await startHub(t, hubUrl(), options);
        const closed = nextClose(connection);

        // Set after start, so that a slow handshake cannot trip it; the invocation's answer restarts the timer.
        connection.serverTimeoutInMilliseconds = 1;
        await connection.invoke("Echo", "");

        const error = await withTimeout(closed, "onclose");
        assert.ok(error instanceof Error, `onclose got ${error}`);
        assert.equal(error.message, "Server timeout elapsed without receiving a message from the server.");
      });
    }

    it("can reconnect", async (t) => {
      const connection = await startHub(t, hubUrl(), { ...options, configure: withAutomaticReconnect });
      const events = reconnectEvents(connection);
      const initialConnectionId = connection.connectionId;

      induceReconnect(connection);

      await events.nextReconnecting();
      const newConnectionId = await events.nextReconnected();
      assert.equal(typeof newConnectionId, "string");
      assert.notEqual(newConnectionId, initialConnectionId);
      assert.equal(await connection.invoke("Echo", "test"), "test");
      assert.equal(await connection.invoke("GetCallerConnectionId"), newConnectionId);
      assert.equal(await connection.invoke("GetActiveTransportName"), transport.name);
    });
  });
}

describe("reconnect", () => {
  it("can reconnect after negotiate redirect", async (t) => {
    const connection = await startHub(t, redirectUrl(), { configure: withAutomaticReconnect });
    const events = reconnectEvents(connection);
    const redirectsBefore = await connection.invoke("GetNumRedirects");
    const initialConnectionId = connection.connectionId;

    induceReconnect(connection);

    await events.nextReconnecting();
    const newConnectionId = await events.nextReconnected();
    assert.notEqual(newConnectionId, initialConnectionId);
    assert.equal(await connection.invoke("GetCallerConnectionId"), newConnectionId);
    const redirectsAfter = await connection.invoke("GetNumRedirects");
    assert.ok(redirectsAfter > redirectsBefore,
      `GetNumRedirects did not increase: ${redirectsBefore} before the reconnect, ${redirectsAfter} after it`);
  });

  it("can reconnect after skipping negotiation", async (t) => {
    const connection = await startHub(t, hubUrl(), {
      transport: WEBSOCKETS.type,
      skipNegotiation: true,
      configure: withAutomaticReconnect,
    });
    const events = reconnectEvents(connection);

    induceReconnect(connection);

    await events.nextReconnecting();
    assert.equal(await events.nextReconnected(), undefined);
    assert.equal(await connection.invoke("Echo", "test"), "test");
  });

  it("connection id matches server side connection id", async (t) => {
    const connection = createHub(t, redirectUrl(), { configure: withAutomaticReconnect });
    const events = reconnectEvents(connection);
    assert.equal(connection.connectionId, null);

    await withTimeout(connection.start(), "start");
    const initialConnectionId = connection.connectionId;
    assert.equal(typeof initialConnectionId, "string");
    assert.equal(await connection.invoke("GetCallerConnectionId"), initialConnectionId);

    induceReconnect(connection);
    await events.nextReconnecting();
    const newConnectionId = await events.nextReconnected();
    assert.notEqual(newConnectionId, initialConnectionId);
    assert.equal(connection.connectionId, newConnectionId);
    assert.equal(await connection.invoke("GetCallerConnectionId"), newConnectionId);

    await connection.stop();
    assert.equal(connection.connectionId, null);
  });
});
