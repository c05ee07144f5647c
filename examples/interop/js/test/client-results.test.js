"use strict";

// Client results: the server's GET /clientresult/<connectionId> asks that connection's client method Result() for an
// int, outside any hub (upstream HubConnectionTests.ts block A #18-#20), over every transport × protocol combination.

const { describe, it } = require("node:test");
const assert = require("node:assert/strict");
const { useInteropServer } = require("../lib/interop-server");
const { MATRIX, createHub, httpGet, withTimeout } = require("../lib/signalr");

const server = useInteropServer();

/** Starts a /testhub connection, with `register` applied before start, and asks it for a result over HTTP. */
async function askForResult(t, combination, register = () => {}) {
  const connection = createHub(t, `${server.url}/testhub`, combination);
  register(connection);
  await withTimeout(connection.start(), "start");
  const answer = await httpGet(`${server.url}/clientresult/${encodeURIComponent(connection.connectionId)}`);
  // The connection is still usable afterwards.
  assert.equal(await connection.invoke("Echo", "after the result"), "after the result");
  return answer.body;
}

for (const combination of MATRIX) {
  describe(combination.title, () => {
    it("can return result to server", async (t) => {
      const body = await askForResult(t, combination, (connection) => connection.on("Result", () => 10));

      assert.equal(body, "10");
    });

    it("can return an asynchronous result to server", async (t) => {
      const body = await askForResult(t, combination,
        (connection) => connection.on("Result", () => new Promise((resolve) => setImmediate(() => resolve(42)))));

      assert.equal(body, "42");
    });

    it("can throw result to server", async (t) => {
      const body = await askForResult(t, combination, (connection) => connection.on("Result", () => {
        throw new Error("from callback");
      }));

      assert.equal(body, "Error: from callback");
    });

    it("returns result error to server when no result given", async (t) => {
      const body = await askForResult(t, combination);

      assert.equal(body, "Client didn't provide a result.");
    });
  });
}
