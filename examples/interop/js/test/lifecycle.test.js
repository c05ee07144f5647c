"use strict";

// The interop server's own lifecycle: it ends cleanly on SIGTERM, saying goodbye to its clients.

const assert = require("node:assert/strict");
const path = require("node:path");
const { it } = require("node:test");
const { startJavaServer } = require("../lib/server-process");
const { buildHub, nextClose, signalR } = require("../lib/signalr");
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

it("with --drain, answers 503 Draining at once, keeps serving, then closes its clients and exits 0", { skip: process.env.INTEROP_URL ? "INTEROP_URL: no server of our own" : false }, async () => {
  const server = await startJavaServer({ jar: JAR, args: ["--port", "0", "--drain", "3000"] });
  const connection = buildHub(`${server.url}/testhub`);
  const closed = nextClose(connection);
  await withTimeout(connection.start(), "start");
  assert.equal((await fetch(`${server.url}/health`)).status, 200);

  const ended = server.stop();
  let health;
  do {
    const response = await fetch(`${server.url}/health`);
    health = `${response.status} ${await response.text()}`;
    if (health === "200 Healthy") await new Promise((resolve) => setTimeout(resolve, 20));
  } while (health === "200 Healthy");

  assert.equal(health, "503 Draining");
  assert.equal(await withTimeout(connection.invoke("Echo", "while draining"), "Echo"), "while draining");
  assert.equal(await withTimeout(closed, "onclose"), undefined);
  assert.deepEqual(await ended, { code: 0, signal: null });
});

it("with --trust-forwarded, the hub sees the address and scheme a loopback proxy forwarded", { skip: process.env.INTEROP_URL ? "INTEROP_URL: no server of our own" : false }, async () => {
  const forwarded = { "X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https" };
  const trusting = await startJavaServer({ jar: JAR, args: ["--port", "0", "--trust-forwarded"] });
  const ignoring = await startJavaServer({ jar: JAR, args: ["--port", "0"] });
  try {
    for (const [server, address, scheme] of [[trusting, "203.0.113.9", "https"], [ignoring, "127.0.0.1", "http"]]) {
      const connection = buildHub(`${server.url}/testhub`, { transport: signalR.HttpTransportType.LongPolling, headers: forwarded });
      await withTimeout(connection.start(), "start");
      assert.equal(await withTimeout(connection.invoke("GetRemoteAddress"), "GetRemoteAddress"), address);
      assert.equal(await withTimeout(connection.invoke("GetScheme"), "GetScheme"), scheme);
      await connection.stop();
    }
  } finally {
    await Promise.all([trusting.stop(), ignoring.stop()]);
  }
});
