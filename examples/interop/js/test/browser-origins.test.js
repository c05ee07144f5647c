"use strict";

// The interop server started with --cors-origin: what a browser on that origin, or on another one, gets. Node
// enforces no CORS, so the CORS headers are asserted on the wire; the official client sends the Origin header a
// browser would send and shows the WebSocket origin check.

const assert = require("node:assert/strict");
const path = require("node:path");
const { describe, it, before, after } = require("node:test");
const signalR = require("@microsoft/signalr");
const { startJavaServer } = require("../lib/server-process");
const { buildHub, startHub } = require("../lib/signalr");
const { withTimeout } = require("../lib/waiting");

const JAR = process.env.INTEROP_JAR || path.resolve(__dirname, "..", "..", "target", "switchboard-interop.jar");
const APP = "http://app.example";
const EVIL = "http://evil.example";

describe("an interop server started with --cors-origin", () => {
  let server;

  before(async () => {
    server = await startJavaServer({ jar: JAR, args: ["--port", "0", "--cors-origin", APP] });
  }, { timeout: 60_000 });

  after(async () => {
    await server?.stop();
  });

  const preflight = (origin) => fetch(`${server.url}/testhub/negotiate?negotiateVersion=1`, {
    method: "OPTIONS",
    headers: {
      Origin: origin,
      "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Headers": "x-requested-with,x-signalr-user-agent",
    },
  });

  it("answers the preflight of its origin with credentials, the method and the headers asked for", async () => {
    const response = await preflight(APP);
    assert.equal(response.status, 204);
    assert.equal(response.headers.get("access-control-allow-origin"), APP);
    assert.equal(response.headers.get("access-control-allow-credentials"), "true");
    assert.equal(response.headers.get("access-control-allow-methods"), "POST");
    assert.equal(response.headers.get("access-control-allow-headers"), "x-requested-with,x-signalr-user-agent");
  });

  it("gives another origin no CORS headers", async () => {
    const response = await preflight(EVIL);
    assert.equal(response.status, 204);
    assert.equal(response.headers.get("access-control-allow-origin"), null);
    const negotiate = await fetch(`${server.url}/testhub/negotiate?negotiateVersion=1`, {
      method: "POST",
      headers: { Origin: EVIL },
    });
    assert.equal(negotiate.status, 200);
    assert.equal(negotiate.headers.get("access-control-allow-origin"), null);
  });

  for (const transport of ["WebSockets", "LongPolling"]) {
    it(`lets the official client on its origin connect over ${transport}`, async (t) => {
      const connection = await startHub(t, `${server.url}/testhub`, {
        transport: signalR.HttpTransportType[transport],
        headers: { Origin: APP },
      });
      assert.equal(await connection.invoke("Echo", "hi"), "hi");
    });
  }

  // The client reports no status; the raw 403 is asserted by the Java suite's BrowserOriginsTest.
  it("refuses a WebSocket of the official client on another origin", async () => {
    const connection = buildHub(`${server.url}/testhub`, {
      transport: signalR.HttpTransportType.WebSockets,
      headers: { Origin: EVIL },
    });
    await assert.rejects(withTimeout(connection.start(), "start from another origin"), /WebSockets failed: Error: WebSocket failed to connect/);
  });
});
