"use strict";

// Transport-specific behaviour of the hub endpoints: the long-polling DELETE (upstream "over LongPolling it sends
// DELETE request and waits for poll to terminate", made stricter: the server's own answers are checked) and the
// endpoint without WebSockets (upstream "allows Server-Sent Events when negotiating for JSON protocol", which
// upstream runs only where EventSource is global, and "skips Server-Sent Events when negotiating for MessagePack
// protocol").

const { describe, it } = require("node:test");
const assert = require("node:assert/strict");
const { useInteropServer } = require("../lib/interop-server");
const {
  ANY_TRANSPORT, JSON_PROTOCOL, LONG_POLLING, MESSAGEPACK_PROTOCOL, WEBSOCKETS, createHub, nextClose, signalR, startHub,
  withTimeout,
} = require("../lib/signalr");

const server = useInteropServer();

/**
 * An HttpClient that sends through the client's default one and records every response. Long polls (every GET but
 * the first, which starts the transport) run without the client's abort signal, so that the server's answer to a poll
 * the client gave up on can still be seen; the client itself sees its abort as usual.
 */
class RecordingHttpClient extends signalR.HttpClient {
  constructor() {
    super();
    this.inner = new signalR.DefaultHttpClient(signalR.NullLogger.instance);
    this.polls = [];
    this.deletes = [];
    this.gets = 0;
  }

  send(request) {
    if (request.method === "DELETE") {
      const response = this.inner.send(request);
      this.deletes.push(response);
      return response;
    }
    if (request.method !== "GET" || this.gets++ === 0) {
      return this.inner.send(request);
    }
    const { abortSignal, ...unabortable } = request;
    const poll = { settled: false, response: this.inner.send(unabortable) };
    poll.response.then(() => { poll.settled = true; }, () => { poll.settled = true; });
    this.polls.push(poll);
    return new Promise((resolve, reject) => {
      poll.response.then(resolve, reject);
      if (abortSignal) abortSignal.onabort = () => reject(new signalR.AbortError());
    });
  }

  getCookieString(url) {
    return this.inner.getCookieString(url);
  }
}

describe("over LongPolling", () => {
  it("it sends DELETE request and waits for poll to terminate", async (t) => {
    const httpClient = new RecordingHttpClient();
    const connection = await startHub(t, `${server.url}/testhub`, { transport: LONG_POLLING.type, httpClient });
    const closed = nextClose(connection);
    assert.equal(await connection.invoke("Echo", "polled"), "polled");
    const outstanding = httpClient.polls.filter((poll) => !poll.settled);
    assert.equal(outstanding.length, 1, "one poll is waiting for data");

    await withTimeout(connection.stop(), "stop");

    assert.equal(await withTimeout(closed, "onclose"), undefined);
    assert.equal(httpClient.deletes.length, 1);
    assert.equal((await withTimeout(httpClient.deletes[0], "the DELETE")).statusCode, 202);
    assert.equal((await withTimeout(outstanding[0].response, "the end of the waiting poll")).statusCode, 204);
  });
});

describe("/testhub-nowebsockets", () => {
  const hubUrl = () => `${server.url}/testhub-nowebsockets`;

  it("negotiate offers Server-Sent Events (text only) and long polling only", async () => {
    const response = await fetch(`${hubUrl()}/negotiate?negotiateVersion=1`, { method: "POST" });
    assert.equal(response.status, 200);

    assert.deepEqual((await response.json()).availableTransports, [
      { transport: "ServerSentEvents", transferFormats: ["Text"] },
      { transport: "LongPolling", transferFormats: ["Text", "Binary"] },
    ]);
  });

  it("allows Server-Sent Events when negotiating for JSON protocol", async (t) => {
    const connection = await startHub(t, hubUrl(), { transport: ANY_TRANSPORT, protocol: JSON_PROTOCOL });

    assert.equal(await connection.invoke("GetActiveTransportName"), "ServerSentEvents");
    assert.equal(await connection.invoke("Echo", "over SSE"), "over SSE");
  });

  it("skips Server-Sent Events when negotiating for MessagePack protocol", async (t) => {
    const connection = await startHub(t, hubUrl(), { transport: ANY_TRANSPORT, protocol: MESSAGEPACK_PROTOCOL });

    assert.equal(await connection.invoke("GetActiveTransportName"), "LongPolling");
    assert.equal(await connection.invoke("Echo", "over long polling"), "over long polling");
  });

  it("refuses a client that only wants WebSockets", async (t) => {
    const connection = createHub(t, hubUrl(), { transport: WEBSOCKETS.type });

    await assert.rejects(withTimeout(connection.start(), "start"), {
      message: /^Unable to connect to the server with any of the available transports\./,
    });
  });
});
