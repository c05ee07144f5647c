"use strict";

// What the hub sees of the transport request: headers (upstream "sets the user agent header", "overwrites library
// headers with user headers") and the cookies that negotiate set (upstream "preserves cookies between requests",
// "expired cookies are not preserved"), per transport. Upstream runs the cookie tests on https only, for browsers'
// sake (SameSite=None needs Secure); under Node the client's tough-cookie jar keeps the non-Secure cookies over http
// and sends them on the WebSocket upgrade, the SSE request and the polls, so they run here over http.

const { describe, it } = require("node:test");
const assert = require("node:assert/strict");
const { getUserAgentHeader } = require("@microsoft/signalr/dist/cjs/Utils");
const { useInteropServer } = require("../lib/interop-server");
const { TRANSPORTS, startHub } = require("../lib/signalr");

const server = useInteropServer();
const hubUrl = () => `${server.url}/testhub`;

for (const transport of TRANSPORTS) {
  describe(`over ${transport.name} transport`, () => {
    const options = { transport: transport.type };

    it("sets the user agent header", async (t) => {
      const connection = await startHub(t, hubUrl(), options);
      const [name, value] = getUserAgentHeader();

      assert.equal(name, "User-Agent");
      assert.equal(await connection.invoke("GetHeader", "User-Agent"), value);
    });

    it("overwrites library headers with user headers", async (t) => {
      const headers = { "User-Agent": "Custom Agent", "X-HEADER": "VALUE" };
      const connection = await startHub(t, hubUrl(), { ...options, headers });

      assert.equal(await connection.invoke("GetHeader", "User-Agent"), "Custom Agent");
      assert.equal(await connection.invoke("GetHeader", "X-HEADER"), "VALUE");
    });

    it("returns null for a header that was not sent", async (t) => {
      const connection = await startHub(t, hubUrl(), options);

      assert.equal(await connection.invoke("GetHeader", "X-Not-Sent"), null);
    });

    it("preserves cookies between requests", async (t) => {
      const connection = await startHub(t, hubUrl(), options);

      assert.equal(await connection.invoke("GetCookie", "testCookie"), "testValue");
      assert.equal(await connection.invoke("GetCookie", "testCookie2"), "testValue2");
    });

    it("expired cookies are not preserved", async (t) => {
      const connection = await startHub(t, hubUrl(), options);

      assert.equal(await connection.invoke("GetCookie", "expiredCookie"), null);
    });
  });
}
