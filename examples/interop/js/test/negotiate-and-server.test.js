"use strict";

// Negotiate (response shape, redirects, skipping it) and the server-wide endpoints; the redirect and skip tests port
// upstream HubConnectionTests.ts block C without its reconnect parts.

const { describe, it } = require("node:test");
const assert = require("node:assert/strict");
const { useInteropServer } = require("../lib/interop-server");
const { buildHub, signalR, startHub, withTimeout } = require("../lib/signalr");

const server = useInteropServer();
const redirectUrl = () => `${server.url}/redirect?numRedirects=0&baseUrl=${server.url}`;

const ID = /^[A-Za-z0-9_-]{22}$/;

describe("negotiate", () => {
  it("answers with a connection id, a different connection token and the transports in server order", async () => {
    const response = await fetch(`${server.url}/testhub/negotiate?negotiateVersion=1`, { method: "POST" });
    assert.equal(response.status, 200);
    const body = await response.json();

    assert.equal(body.negotiateVersion, 1);
    assert.match(body.connectionId, ID);
    assert.match(body.connectionToken, ID);
    assert.notEqual(body.connectionToken, body.connectionId);
    assert.deepEqual(body.availableTransports, [
      { transport: "WebSockets", transferFormats: ["Text", "Binary"] },
      { transport: "ServerSentEvents", transferFormats: ["Text"] },
      { transport: "LongPolling", transferFormats: ["Text", "Binary"] },
    ]);
  });

  it("sets the test cookies", async () => {
    const response = await fetch(`${server.url}/testhub/negotiate?negotiateVersion=1`, { method: "POST" });
    const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);

    assert.deepEqual(cookies.sort(), ["expiredCookie=doesntmatter", "testCookie2=testValue2", "testCookie=testValue"]);
  });

  it("can connect after negotiate redirect", async (t) => {
    const first = await startHub(t, redirectUrl());
    const second = await startHub(t, redirectUrl());

    const firstCount = await first.invoke("GetNumRedirects");
    const secondCount = await second.invoke("GetNumRedirects");

    assert.ok(Number.isInteger(firstCount) && firstCount >= 0, `GetNumRedirects returned ${firstCount}`);
    assert.ok(secondCount > firstCount, `the redirect counter did not increase: ${firstCount}, then ${secondCount}`);
  });

  it("connection id matches server side connection id", async (t) => {
    const connection = buildHub(redirectUrl());
    t.after(() => connection.stop());
    assert.equal(connection.connectionId, null);

    await withTimeout(connection.start(), "start");
    assert.match(connection.connectionId, ID);
    assert.equal(await connection.invoke("GetCallerConnectionId"), connection.connectionId);

    await connection.stop();
    assert.equal(connection.connectionId, null);
  });

  it("connection id is always null if negotiation is skipped", async (t) => {
    const connection = await startHub(t, `${server.url}/testhub`, {
      transport: signalR.HttpTransportType.WebSockets,
      skipNegotiation: true,
    });

    assert.equal(await connection.invoke("Echo", "no negotiate"), "no negotiate");
    assert.equal(connection.connectionId, null);
    const serverSideId = await connection.invoke("GetCallerConnectionId");
    assert.ok(typeof serverSideId === "string" && serverSideId.length > 0, `GetCallerConnectionId: ${serverSideId}`);
  });
});

describe("server", () => {
  it("GET /health answers Healthy", async () => {
    const response = await fetch(`${server.url}/health`);

    assert.equal(response.status, 200);
    assert.equal(await response.text(), "Healthy");
  });

  it("GetServerName names the same server on every call and connection", async (t) => {
    const [a, b] = await Promise.all([startHub(t, `${server.url}/testhub`), startHub(t, `${server.url}/testhub`)]);

    const name = await a.invoke("GetServerName");

    assert.equal(typeof name, "string");
    assert.notEqual(name, "");
    assert.equal(await a.invoke("GetServerName"), name);
    assert.equal(await b.invoke("GetServerName"), name);
  });
});
