"use strict";

// Groups and the all / others / single-connection targets, with two or three connections per test.
// A non-delivery is shown without timing: a later message to the same connection must arrive, and the earlier one
// must not be among what arrived before it (a connection receives its messages in the order the server sent them).

const { describe, it } = require("node:test");
const assert = require("node:assert/strict");
const { useInteropServer } = require("../lib/interop-server");
const { MATRIX, inbox, startHub, uniqueName } = require("../lib/signalr");

const server = useInteropServer();

/** One of the MATRIX combinations, by protocol and transport name. */
const using = (protocol, transport) => MATRIX.find((c) => c.protocol.name === protocol && c.transportName === transport);
/** Pairs of clients that differ in transport, protocol or both; the first of each pair also acts as the third client. */
const PAIRS = [
  [using("json", "WebSockets"), using("json", "WebSockets")],
  [using("messagepack", "WebSockets"), using("messagepack", "LongPolling")],
  [using("json", "ServerSentEvents"), using("messagepack", "WebSockets")],
  [using("json", "LongPolling"), using("json", "ServerSentEvents")],
];
const describePair = (combination) => `${combination.protocol.name} over ${combination.transportName}`;

/** A started /testhub connection plus the client methods the targeting hub methods call. */
async function client(t, combination) {
  const connection = await startHub(t, `${server.url}/testhub`, combination);
  return {
    connection,
    groupMessages: inbox(connection, "GroupMessage"),
    broadcasts: inbox(connection, "Broadcast"),
    directs: inbox(connection, "Direct"),
  };
}

const carries = (calls, text) => calls.some((args) => args.includes(text));

for (const [first, second] of PAIRS) {
  describe(`groups and targets with clients using ${describePair(first)} and ${describePair(second)}`, () => {
    it("SendToGroup reaches the members of the group only", async (t) => {
      const [a, b, outsider] = await Promise.all([client(t, first), client(t, second), client(t, first)]);
      const group = uniqueName("group");
      await a.connection.invoke("AddToGroup", group);
      await b.connection.invoke("AddToGroup", group);

      await outsider.connection.invoke("SendToGroup", group, "for members");
      await a.groupMessages.expect(group, "for members");
      await b.groupMessages.expect(group, "for members");

      await outsider.connection.invoke("AddToGroup", group);
      await outsider.connection.invoke("SendToGroup", group, "now a member");
      await outsider.groupMessages.expect(group, "now a member");
      assert.deepEqual(outsider.groupMessages.calls, [[group, "now a member"]]);
    });

    it("SendToOthersInGroup skips the caller", async (t) => {
      const [a, b] = await Promise.all([client(t, first), client(t, second)]);
      const group = uniqueName("group");
      await a.connection.invoke("AddToGroup", group);
      await b.connection.invoke("AddToGroup", group);

      await a.connection.invoke("SendToOthersInGroup", group, "for the others");
      await b.groupMessages.expect(group, "for the others");

      await a.connection.invoke("SendToGroup", group, "for everyone");
      await a.groupMessages.expect(group, "for everyone");
      assert.deepEqual(a.groupMessages.calls, [[group, "for everyone"]]);
    });

    it("RemoveFromGroup stops the group's messages", async (t) => {
      const [a, b] = await Promise.all([client(t, first), client(t, second)]);
      const group = uniqueName("group");
      await a.connection.invoke("AddToGroup", group);
      await b.connection.invoke("AddToGroup", group);
      await b.connection.invoke("RemoveFromGroup", group);

      await a.connection.invoke("SendToGroup", group, "while b is out");
      await a.groupMessages.expect(group, "while b is out");

      await b.connection.invoke("AddToGroup", group);
      await a.connection.invoke("SendToGroup", group, "b is back");
      await b.groupMessages.expect(group, "b is back");
      assert.deepEqual(b.groupMessages.calls, [[group, "b is back"]]);
    });

    it("SendToAll reaches every connection, the caller included", async (t) => {
      const [a, b] = await Promise.all([client(t, first), client(t, second)]);
      const text = uniqueName("to all");

      await a.connection.invoke("SendToAll", text);

      await Promise.all([a.broadcasts.expect(text), b.broadcasts.expect(text)]);
    });

    it("SendToOthers skips the caller", async (t) => {
      const [a, b] = await Promise.all([client(t, first), client(t, second)]);
      const toOthers = uniqueName("to others");
      const toAll = uniqueName("to all");

      await a.connection.invoke("SendToOthers", toOthers);
      await b.broadcasts.expect(toOthers);

      await a.connection.invoke("SendToAll", toAll);
      await a.broadcasts.expect(toAll);
      assert.equal(carries(a.broadcasts.calls, toOthers), false, "the caller received its own SendToOthers");
    });

    it("SendToConnection reaches that connection only", async (t) => {
      const [a, b] = await Promise.all([client(t, first), client(t, second)]);
      const toB = uniqueName("to b");
      const toA = uniqueName("to a");
      const last = uniqueName("last to b");

      await a.connection.invoke("SendToConnection", b.connection.connectionId, toB);
      await b.directs.expect(toB);

      await a.connection.invoke("SendToConnection", a.connection.connectionId, toA);
      await a.directs.expect(toA);
      assert.deepEqual(a.directs.calls, [[toA]]);

      await a.connection.invoke("SendToConnection", b.connection.connectionId, last);
      await b.directs.expect(last);
      assert.deepEqual(b.directs.calls, [[toB], [last]]);
    });
  });
}
