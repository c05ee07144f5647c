"use strict";

// The VirtualHosts of deploy/apache, run by the real Apache in front of one interop server: with ws:// (the guide's)
// and with http:// plus upgrade=websocket (Apache 2.4.47+), every transport and hub protocol works; with plain
// http:// WebSockets are not upgraded and the client falls back to Server-Sent Events, as the guide says.

const assert = require("node:assert/strict");
const { after, before, describe, it } = require("node:test");
const { startJavaServer } = require("../../../examples/interop/js/lib/server-process");
const { withTimeout } = require("../../../examples/interop/js/lib/waiting");
const { startApache } = require("../lib/proxies");
const { ANY_TRANSPORT, INTEROP_JAR, MATRIX, SERVER_SENT_EVENTS, LONG_POLLING, WEBSOCKETS, createHub, startHub } =
  require("../lib/clients");
const { assertRoundTrip } = require("../lib/round-trip");

let node;
before(async () => {
  node = await startJavaServer({ jar: INTEROP_JAR, args: ["--port", "0"] });
}, { timeout: 60_000 });
after(() => node?.stop());

/** Runs `body(apache)` as a suite with Apache started from `vhostFile` around it. */
function behindApache(vhostFile, title, body) {
  describe(`${title} (deploy/apache/${vhostFile})`, () => {
    const apache = {};
    before(async () => Object.assign(apache, await startApache(vhostFile, node.url)), { timeout: 60_000 });
    after(() => apache.stop?.());

    it("is answered by Apache", async () => {
      const response = await fetch(`${apache.url}/testhub/negotiate?negotiateVersion=1`, { method: "POST" });
      assert.equal(response.status, 200);
      assert.match(response.headers.get("server"), /^Apache/);
    });
    body(apache);
  });
}

function everyTransport(apache) {
  for (const { protocol, transport, title } of MATRIX) {
    it(title, async (t) => {
      const connection = await startHub(t, `${apache.url}/testhub`, { protocol, transport });
      await assertRoundTrip(connection, transport.name);
    });
  }
  it("a client left to choose runs on WebSockets", async (t) => {
    const connection = await startHub(t, `${apache.url}/testhub`, { transport: ANY_TRANSPORT });
    await assertRoundTrip(connection, WEBSOCKETS.name);
  });
}

behindApache("switchboard-ws.conf", "the guide's ws:// VirtualHost", everyTransport);
behindApache("switchboard-upgrade.conf", "http:// with upgrade=websocket", everyTransport);

behindApache("switchboard-http.conf", "the guide's http:// VirtualHost", (apache) => {
  it("does not upgrade: a WebSockets-only client cannot start", async (t) => {
    const connection = createHub(t, `${apache.url}/testhub`, { transport: WEBSOCKETS });
    await assert.rejects(withTimeout(connection.start(), "start over WebSockets"),
      /WebSockets failed: Error: WebSocket failed to connect\..* or there is a proxy blocking WebSockets/);
  });
  it("a client left to choose falls back to Server-Sent Events", async (t) => {
    const connection = await startHub(t, `${apache.url}/testhub`, { transport: ANY_TRANSPORT });
    await assertRoundTrip(connection, SERVER_SENT_EVENTS.name);
  });
  for (const transport of [SERVER_SENT_EVENTS, LONG_POLLING]) {
    it(`json over ${transport.name}`, async (t) => {
      const connection = await startHub(t, `${apache.url}/testhub`, { transport });
      await assertRoundTrip(connection, transport.name);
    });
  }
});
