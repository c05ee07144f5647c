"use strict";

// Transport-specific behaviour: the long-polling DELETE (upstream "over LongPolling it sends DELETE request and waits
// for poll to terminate", with the server's own answers checked, and the same below the hub layer) and the
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
 * An HttpClient that sends through the client's default one and records the long polls and DELETEs. Long polls
 * (every GET but the first, which starts the transport) run without the client's abort signal, so that the server's
 * answer to a poll the client gave up on can still be seen; the client itself sees its abort as usual.
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

  /** The response of the one poll that is waiting for data (asserts that there is exactly one). */
  waitingPoll() {
    const waiting = this.polls.filter((poll) => !poll.settled);
    assert.equal(waiting.length, 1, "one poll is waiting for data");
    return waiting[0].response;
  }

  /** The status codes of the DELETE requests sent so far. */
  async deleteStatuses() {
    const responses = await withTimeout(Promise.all(this.deletes), "the DELETE responses");
    return responses.map((response) => response.statusCode);
  }
}

describe("over LongPolling", () => {
  // Upstream only checks that stop() completes (the client aborts its poll before the DELETE). Here the server's
  // answers are checked too: the DELETE gets 202, and the poll that was waiting ends, with the server's Close message
  // (its answer to the Close the hub client sends when it stops, protocol.md §5.9) or with 204.
  it("it sends DELETE request and waits for poll to terminate", async (t) => {
    const httpClient = new RecordingHttpClient();
    const connection = await startHub(t, `${server.url}/testhub`, { transport: LONG_POLLING.type, httpClient });
    const closed = nextClose(connection);
    assert.equal(await connection.invoke("Echo", "polled"), "polled");
    const waiting = httpClient.waitingPoll();

    await withTimeout(connection.stop(), "stop");

    assert.equal(await withTimeout(closed, "onclose"), undefined);
    assert.deepEqual(await httpClient.deleteStatuses(), [202]);
    const ended = await withTimeout(waiting.then((response) => response, (error) => error), "the end of the waiting poll");
    if (ended.statusCode === 200) {
      assert.equal(ended.content, '{"type":7}\x1e', "a 200 may only carry the server's Close message");
    } else if (ended instanceof signalR.HttpError) {
      // The client sends its next poll right after the previous one returned; one that reaches the server only after
      // the DELETE is answered 404 (the strict check of the waiting poll is the test below).
      assert.equal(ended.statusCode, 404);
    } else {
      assert.equal(ended.statusCode, 204);
    }
  });

  // The same at the HTTP level, where no poll can be on its way: of two polls sent together, the server ends the
  // older one with 204 as soon as the newer one arrived (protocol.md §1.9), so the other one is certainly waiting
  // there when the DELETE comes.
  it("DELETE is answered 202 and ends the waiting poll with 204", async () => {
    const negotiated = await fetch(`${server.url}/echo/negotiate?negotiateVersion=1`, { method: "POST" });
    const { connectionToken } = await negotiated.json();
    const url = `${server.url}/echo?id=${encodeURIComponent(connectionToken)}`;
    const poll = () => fetch(url).then(async (response) => ({ status: response.status, body: await response.text() }));
    assert.deepEqual(await withTimeout(poll(), "the first poll"), { status: 200, body: "" });

    const polls = [poll(), poll()];
    const superseded = await withTimeout(Promise.race(polls.map((p, index) => p.then((ended) => ({ ...ended, index })))),
      "the end of the superseded poll");
    assert.equal(superseded.status, 204);
    const deleted = await withTimeout(fetch(url, { method: "DELETE" }), "the DELETE");

    assert.equal(deleted.status, 202);
    assert.deepEqual(await withTimeout(polls[1 - superseded.index], "the end of the waiting poll"),
      { status: 204, body: "" });
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
