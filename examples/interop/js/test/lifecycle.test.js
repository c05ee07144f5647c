"use strict";

// The interop server's own lifecycle: it ends cleanly on SIGTERM, saying goodbye to its clients.

const assert = require("node:assert/strict");
const path = require("node:path");
const { it } = require("node:test");
const { startJavaServer } = require("../lib/server-process");
const { buildHub, nextClose } = require("../lib/signalr");
const { withTimeout } = require("../lib/waiting");

const JAR = process.env.INTEROP_JAR || path.resolve(__dirname, "..", "..", "target", "switchboard-interop.jar");

it("stops on SIGTERM with exit code 0, and its clients close cleanly", { skip: process.env.INTEROP_URL ? "INTEROP_URL: no server of our own" : false }, async () => {
  const server = await startJavaServer({ jar: JAR, args: ["--port", "0"] });
  const connection = buildHub(`${server.url}/testhub`);
  const closed = nextClose(connection);
  await withTimeout(connection.start(), "start");

  const ended = await server.stop();

  assert.deepEqual(ended, { code: 0, signal: null });
  // The server ends connections with a Close that carries no error: onclose gets none.
  assert.equal(await withTimeout(closed, "onclose"), undefined);
});
