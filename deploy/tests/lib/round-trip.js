"use strict";

// What every proxy test checks of one started client: the transport it runs on, an invocation, and a message the
// server pushes to it.

const assert = require("node:assert/strict");
const { inbox, uniqueName } = require("../../../examples/interop/js/lib/waiting");

/** Asserts that `connection` runs on transport `transportName` and that invocations and pushes get through. */
async function assertRoundTrip(connection, transportName) {
  assert.equal(await connection.invoke("GetActiveTransportName"), transportName);
  const text = uniqueName("through the proxy");
  assert.equal(await connection.invoke("Echo", text), text);
  const broadcasts = inbox(connection, "Broadcast");
  await connection.invoke("SendToAll", text);
  await broadcasts.expect(text);
}

module.exports = { assertRoundTrip };
