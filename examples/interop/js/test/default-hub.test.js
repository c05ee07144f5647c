"use strict";

// /default (DefaultHub, stateful reconnect allowed): stateful reconnect with the JS client (official-clients.md §4.4,
// protocol.md §6), bidirectional streaming (StreamEcho) and server-side Abort(). Upstream has no JS tests for these;
// they follow the C# client's functional tests (official-clients.md §2.7).

const { describe, it } = require("node:test");
const assert = require("node:assert/strict");
const WebSocket = require("ws");
const { useInteropServer } = require("../lib/interop-server");
const {
  JSON_PROTOCOL, MATRIX, PROTOCOLS, TRANSPORTS, WEBSOCKETS, createHub, deferred, inbox, nextClose, reconnectEvents,
  signalR, startHub, withTimeout,
} = require("../lib/signalr");

const server = useInteropServer();
const defaultUrl = () => `${server.url}/default`;
const withStatefulAndAutomaticReconnect = (builder) => builder.withStatefulReconnect().withAutomaticReconnect();

/** POSTs a negotiate for `path` with `query` and returns the response body. */
async function negotiate(path, query = "") {
  const response = await fetch(`${server.url}${path}/negotiate?negotiateVersion=1${query}`, { method: "POST" });
  assert.equal(response.status, 200);
  return response.json();
}

/**
 * A `ws` WebSocket class that records the URL of every socket the client tries to open (`urls`) and of every one the
 * server accepted (`opened`).
 */
function countingWebSocket() {
  const urls = [];
  const opened = [];
  class CountingWebSocket extends WebSocket {
    constructor(url, ...rest) {
      super(url, ...rest);
      urls.push(url);
      this.once("open", () => opened.push(url));
    }
  }
  return { urls, opened, CountingWebSocket };
}

/**
 * Holds the client's re-attach after its transport dropped: `dropped` resolves when the client starts to re-attach
 * (the transport's `connect` is called again), which then waits until `release()`. This makes the server send while
 * the client is certainly away, as a longer network outage would.
 */
function holdReattach(connection) {
  const transport = connection.connection.transport;
  const connect = transport.connect.bind(transport);
  const dropped = deferred();
  const released = deferred();
  transport.connect = async (...args) => {
    dropped.resolve();
    await released.promise;
    return connect(...args);
  };
  return {
    dropped: () => withTimeout(dropped.promise, "the client noticing the dropped transport"),
    release: () => released.resolve(),
  };
}

describe("stateful reconnect negotiation", () => {
  it("negotiate answers useStatefulReconnect: true only when the client asks for it", async () => {
    assert.equal((await negotiate("/default", "&useStatefulReconnect=true")).useStatefulReconnect, true);
    assert.notEqual((await negotiate("/default")).useStatefulReconnect, true);
  });

  it("an endpoint that does not allow it never answers useStatefulReconnect: true", async () => {
    assert.notEqual((await negotiate("/testhub", "&useStatefulReconnect=true")).useStatefulReconnect, true);
  });

  it("a client asking for it still works against an endpoint that does not allow it", async (t) => {
    const connection = await startHub(t, `${server.url}/testhub`, { configure: (b) => b.withStatefulReconnect() });

    assert.equal(await connection.invoke("Echo", "no stateful reconnect"), "no stateful reconnect");
  });
});

for (const protocol of PROTOCOLS) {
  describe(`stateful reconnect using ${protocol.name} over WebSockets transport`, () => {
    it("re-attaches after DropTransport and delivers what was sent meanwhile exactly once and in order",
      async (t) => {
        const { opened, CountingWebSocket } = countingWebSocket();
        const connection = createHub(t, defaultUrl(), {
          protocol,
          transport: WEBSOCKETS.type,
          WebSocket: CountingWebSocket,
          configure: withStatefulAndAutomaticReconnect,
        });
        const events = reconnectEvents(connection);
        const delayed = inbox(connection, "Delayed");
        let closes = 0;
        connection.onclose(() => closes++);
        await withTimeout(connection.start(), "start");
        const connectionId = connection.connectionId;
        assert.equal(await connection.invoke("GetCallerConnectionId"), connectionId);
        const observer = await startHub(t, defaultUrl(), { protocol });
        const observerDelayed = inbox(observer, "Delayed");

        // Server sends scheduled to happen while the client is away.
        for (const message of ["away 1", "away 2", "away 3"]) {
          await connection.invoke("SendAfterDelay", 200, message);
        }
        const reattach = holdReattach(connection);
        const drop = connection.invoke("DropTransport");
        await reattach.dropped();
        // The observer's timer starts after the three above, with the same delay: once it fired, so had they.
        await observer.invoke("SendAfterDelay", 200, "tick");
        await observerDelayed.expect("tick");
        // A call made while away is buffered by the client and sent after the re-attach.
        const echoWhileAway = connection.invoke("Echo", "sent while away");
        reattach.release();

        await withTimeout(drop, "the DropTransport result");
        assert.equal(await withTimeout(echoWhileAway, "the Echo sent while away"), "sent while away");
        await delayed.expect("away 3");
        await connection.invoke("SendAfterDelay", 0, "after the re-attach");
        await delayed.expect("after the re-attach");

        assert.deepEqual(delayed.calls, [["away 1"], ["away 2"], ["away 3"], ["after the re-attach"]]);
        assert.equal(opened.length, 2, `WebSockets the server accepted: ${opened.join(", ")}`);
        assert.equal(opened[1], opened[0], "the re-attach uses the same URL (the same connection token)");
        assert.equal(connection.connectionId, connectionId);
        assert.equal(await connection.invoke("GetCallerConnectionId"), connectionId);
        assert.deepEqual(events.reconnecting, [], "the client fell back to an automatic reconnect");
        assert.equal(closes, 0);
        assert.equal(connection.state, signalR.HubConnectionState.Connected);
      });

    it("survives several drops in a row", async (t) => {
      const connection = await startHub(t, defaultUrl(), {
        protocol,
        transport: WEBSOCKETS.type,
        configure: withStatefulAndAutomaticReconnect,
      });
      const events = reconnectEvents(connection);
      const connectionId = connection.connectionId;

      for (let drop = 1; drop <= 3; drop++) {
        await withTimeout(connection.invoke("DropTransport"), `the result of DropTransport #${drop}`);
        assert.equal(await connection.invoke("Echo", `after drop ${drop}`), `after drop ${drop}`);
      }

      assert.equal(await connection.invoke("GetCallerConnectionId"), connectionId);
      assert.deepEqual(events.reconnecting, []);
    });

    // The client may still try to re-attach when the socket closes right after the server's Close message (it only
    // turns stateful reconnect off once its own stop gets that far); the server must refuse that attempt.
    it("Abort() ends the connection for good: no re-attach, no reconnect", async (t) => {
      const { opened, CountingWebSocket } = countingWebSocket();
      const connection = await startHub(t, defaultUrl(), {
        protocol,
        transport: WEBSOCKETS.type,
        WebSocket: CountingWebSocket,
        configure: withStatefulAndAutomaticReconnect,
      });
      const events = reconnectEvents(connection);
      const closed = nextClose(connection);

      await connection.send("Abort");

      assert.equal(await withTimeout(closed, "onclose"), undefined);
      assert.equal(connection.state, signalR.HubConnectionState.Disconnected);
      assert.deepEqual(events.reconnecting, []);
      assert.equal(opened.length, 1, `WebSockets the server accepted: ${opened.join(", ")}`);
    });
  });
}

for (const transport of TRANSPORTS) {
  describe(`/default over ${transport.name} transport`, () => {
    it("Abort() closes the connection from the server, cleanly and without a reconnect", async (t) => {
      const connection = await startHub(t, defaultUrl(), {
        protocol: JSON_PROTOCOL,
        transport: transport.type,
        configure: (builder) => builder.withAutomaticReconnect(),
      });
      const events = reconnectEvents(connection);
      const closed = nextClose(connection);
      assert.equal(await connection.invoke("Echo", "before"), "before");

      await connection.send("Abort");

      assert.equal(await withTimeout(closed, "onclose"), undefined);
      assert.deepEqual(events.reconnecting, []);
    });
  });
}

for (const combination of MATRIX) {
  describe(`/default ${combination.title}`, () => {
    it("StreamEcho streams back each item of the client's stream as it arrives", async (t) => {
      const connection = await startHub(t, defaultUrl(), combination);
      const subject = new signalR.Subject();
      const received = [];
      const arrivals = [];
      const ended = deferred();
      connection.stream("StreamEcho", subject).subscribe({
        next: (item) => {
          received.push(item);
          arrivals.shift()?.resolve(item);
        },
        complete: () => ended.resolve(undefined),
        error: (error) => ended.resolve(error),
      });

      for (const item of ["one", "two", "three"]) {
        const arrival = deferred();
        arrivals.push(arrival);
        subject.next(item);
        // The next item is only sent once this one came back.
        assert.equal(await withTimeout(arrival.promise, `the echo of ${item}`), item);
      }
      subject.complete();

      assert.equal(await withTimeout(ended.promise, "the end of the stream"), undefined);
      assert.deepEqual(received, ["one", "two", "three"]);
    });
  });
}
