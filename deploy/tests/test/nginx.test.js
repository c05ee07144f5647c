"use strict";

// deploy/nginx/nginx.conf, run by the real nginx in front of one interop server: the official JavaScript client
// over every transport and hub protocol.

const assert = require("node:assert/strict");
const { after, before, describe, it } = require("node:test");
const { startJavaServer } = require("../../../examples/interop/js/lib/server-process");
const { startNginx } = require("../lib/proxies");
const { INTEROP_JAR, MATRIX, startHub } = require("../lib/clients");
const { assertRoundTrip } = require("../lib/round-trip");

describe("the official JavaScript client through nginx (deploy/nginx/nginx.conf)", () => {
  let node;
  let nginx;
  before(async () => {
    node = await startJavaServer({ jar: INTEROP_JAR, args: ["--port", "0"] });
    nginx = await startNginx(node.url);
  }, { timeout: 60_000 });
  after(async () => {
    await nginx?.stop();
    await node?.stop();
  });

  it("is answered by nginx", async () => {
    const response = await fetch(`${nginx.url}/testhub/negotiate?negotiateVersion=1`, { method: "POST" });
    assert.equal(response.status, 200);
    assert.match(response.headers.get("server"), /^nginx/);
  });

  for (const { protocol, transport, title } of MATRIX) {
    it(title, async (t) => {
      const connection = await startHub(t, `${nginx.url}/testhub`, { protocol, transport });
      await assertRoundTrip(connection, transport.name);
    });
  }
});
