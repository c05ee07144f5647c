"use strict";

// Server-to-client streams, client-to-server (upload) streams and the wrong-kind invocation errors: the streaming
// tests of the upstream HubConnectionTests.ts matrix (block A #4, #5, #7-#10, #16, #17), against /testhub, over every
// transport × protocol combination (lib/signalr.js MATRIX).

const { describe, it } = require("node:test");
const assert = require("node:assert/strict");
const { useInteropServer } = require("../lib/interop-server");
const { MATRIX, collect, deferred, nextClose, signalR, startHub, withTimeout } = require("../lib/signalr");

const server = useInteropServer();
const hubUrl = () => `${server.url}/testhub`;

/** Invokes `StreamingConcat` with an upload stream and returns the pending result and the stream's subject. */
function startConcat(connection) {
  const subject = new signalR.Subject();
  const result = connection.invoke("StreamingConcat", subject);
  return { subject, result };
}

for (const combination of MATRIX) {
  describe(combination.title, () => {
    it("can stream server method and receive result", async (t) => {
      const connection = await startHub(t, hubUrl(), combination);

      assert.deepEqual(await collect(connection.stream("Stream")), { items: ["a", "b", "c"], error: undefined });
    });

    it("can stream server method and cancel stream", async (t) => {
      const connection = await startHub(t, hubUrl(), combination);
      const closed = nextClose(connection);
      const canceled = deferred();
      // As upstream: the server's StreamCanceled call stops the connection, which must then close cleanly.
      connection.on("StreamCanceled", () => {
        canceled.resolve();
        connection.stop();
      });
      const items = [];

      const subscription = connection.stream("InfiniteStream").subscribe({
        next: (item) => items.push(item),
        complete: () => {},
        error: () => {},
      });
      subscription.dispose();

      await withTimeout(canceled.promise, "StreamCanceled");
      assert.equal(await withTimeout(closed, "onclose"), undefined);
      assert.deepEqual(items, []);
    });

    it("the stream of a streaming method with no items completes", async (t) => {
      const connection = await startHub(t, hubUrl(), combination);

      assert.deepEqual(await collect(connection.stream("EmptyStream")), { items: [], error: undefined });
    });

    it("throws an exception when invoking streaming method with invoke", async (t) => {
      const connection = await startHub(t, hubUrl(), combination);

      await assert.rejects(connection.invoke("EmptyStream"), {
        message: "The client attempted to invoke the streaming 'EmptyStream' method with a non-streaming invocation.",
      });
    });

    it("throws an exception when receiving a streaming result for method called with invoke", async (t) => {
      const connection = await startHub(t, hubUrl(), combination);

      await assert.rejects(connection.invoke("Stream"), {
        message: "The client attempted to invoke the streaming 'Stream' method with a non-streaming invocation.",
      });
    });

    it("rethrows an exception from the server when streaming", async (t) => {
      const connection = await startHub(t, hubUrl(), combination);

      const { items, error } = await collect(connection.stream("StreamThrowException", "An error occurred."));

      assert.deepEqual(items, []);
      assert.ok(error instanceof Error, `the stream ended with ${error}`);
      assert.equal(error.message, "An unexpected error occurred invoking 'StreamThrowException' on the server. "
        + "InvalidOperationException: An error occurred.");
    });

    it("throws an exception when invoking hub method with stream", async (t) => {
      const connection = await startHub(t, hubUrl(), combination);

      const { items, error } = await collect(connection.stream("Echo", "42"));

      assert.deepEqual(items, []);
      assert.ok(error instanceof Error, `the stream ended with ${error}`);
      assert.equal(error.message,
        "The client attempted to invoke the non-streaming 'Echo' method with a streaming invocation.");
    });

    it("can stream from client to server", async (t) => {
      const connection = await startHub(t, hubUrl(), combination);
      const { subject, result } = startConcat(connection);

      subject.next("Hello ");
      subject.next("world");
      subject.next("!");
      subject.complete();

      assert.equal(await withTimeout(result, "the StreamingConcat result"), "Hello world!");
      assert.equal(await connection.invoke("Echo", "still connected"), "still connected");
    });

    it("can stream from client to server and close with error", async (t) => {
      const connection = await startHub(t, hubUrl(), combination);
      const { subject, result } = startConcat(connection);

      subject.next("Hello ");
      subject.next("world");
      subject.next("!");
      subject.error(new Error("Something bad"));

      await assert.rejects(withTimeout(result, "the StreamingConcat result"), {
        message: "An unexpected error occurred invoking 'StreamingConcat' on the server. HubException: Something bad",
      });
      assert.equal(await connection.invoke("Echo", "still connected"), "still connected");
    });
  });
}
