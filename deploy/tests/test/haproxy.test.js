"use strict";

// deploy/haproxy/haproxy.cfg, the ALB stand-in, run by the real HAProxy in front of two interop servers sharing one
// Redis: the official JavaScript client on every transport and hub protocol, with clients on both nodes reaching
// each other; and, with the same file less its cookie line, why the guide says sticky sessions must be used.

const assert = require("node:assert/strict");
const { after, before, describe, it } = require("node:test");
const { startJavaServer } = require("../../../examples/interop/js/lib/server-process");
const { useRedis, unavailableReason } = require("../../../examples/interop/js/lib/redis-server");
const { inbox, uniqueName, withTimeout } = require("../../../examples/interop/js/lib/waiting");
const { startHaproxy } = require("../lib/proxies");
const { INTEROP_JAR, LONG_POLLING, MATRIX, SERVER_SENT_EVENTS, WEBSOCKETS, createHub, startHub } =
  require("../lib/clients");
const { assertRoundTrip } = require("../lib/round-trip");

const MAX_CLIENTS_TO_REACH_BOTH_NODES = 8;

/**
 * POSTs a negotiate through `baseUrl` and resolves with `{ connectionToken, stickiness }`, the latter the Set-Cookie
 * header of the load balancer's cookie (the interop server sets test cookies of its own).
 */
async function negotiate(baseUrl, headers = {}) {
  const response = await withTimeout(
    fetch(`${baseUrl}/testhub/negotiate?negotiateVersion=1`, { method: "POST", headers }), "negotiate");
  assert.equal(response.status, 200);
  const { connectionToken } = await response.json();
  return { connectionToken, stickiness: response.headers.getSetCookie().find((cookie) => cookie.startsWith("AWSALB=")) };
}

/** The first long-polling request of a connection: `{ status, body }`. */
async function poll(baseUrl, connectionToken, headers = {}) {
  const response = await withTimeout(fetch(`${baseUrl}/testhub?id=${connectionToken}`, { headers }), "poll");
  return { status: response.status, body: await response.text() };
}

describe("two interop nodes and one Redis behind HAProxy (deploy/haproxy/haproxy.cfg)", { skip: unavailableReason() }, () => {
  let redis;
  const nodes = [];
  let sticky;
  let roundRobinOnly;

  before(async () => {
    redis = await useRedis();
    for (let i = 0; i < 2; i++) {
      nodes.push(await startJavaServer({ jar: INTEROP_JAR, args: ["--port", "0", "--redis", redis.url] }));
    }
    const urls = nodes.map((node) => node.url);
    sticky = await startHaproxy(urls);
    roundRobinOnly = await startHaproxy(urls, { withoutCookie: true });
  }, { timeout: 90_000 });

  after(async () => {
    await sticky?.stop();
    await roundRobinOnly?.stop();
    await Promise.all(nodes.map((node) => node.stop()));
    await redis?.stop();
  });

  it("inserts an AWSALB cookie naming the node, for one day", async () => {
    const { stickiness } = await negotiate(sticky.url);
    assert.match(stickiness, /^AWSALB=node[12]\|/);
    assert.match(stickiness, /; Max-Age=86400$/);
  });

  /** Started clients, until one runs on each node: `[onFirstNode, onSecondNode]` (by server name). */
  async function oneOnEachNode(t, options) {
    const byServer = new Map();
    for (let i = 0; i < MAX_CLIENTS_TO_REACH_BOTH_NODES && byServer.size < 2; i++) {
      const connection = await startHub(t, `${sticky.url}/testhub`, options);
      byServer.set(await connection.invoke("GetServerName"), connection);
    }
    assert.equal(byServer.size, 2, "round robin put every client on the same node");
    return [...byServer.values()];
  }

  for (const { protocol, transport, title } of MATRIX) {
    it(`${title}: clients on both nodes reach each other`, async (t) => {
      const [first, second] = await oneOnEachNode(t, { protocol, transport });
      await assertRoundTrip(first, transport.name);
      await assertRoundTrip(second, transport.name);
      const text = uniqueName("across the nodes");
      const received = inbox(second, "Broadcast");
      await first.invoke("SendToAll", text);
      await received.expect(text);
    });
  }

  describe("without the cookie, every request of a connection goes to the next node", () => {
    it("a long poll reaches the node that does not know the connection: 404 No Connection with that ID", async () => {
      const { connectionToken } = await negotiate(roundRobinOnly.url);
      assert.deepEqual(await poll(roundRobinOnly.url, connectionToken), { status: 404, body: "No Connection with that ID" });
      // The two nodes themselves: the one that negotiated knows the connection, the other answers that 404.
      const direct = await Promise.all(nodes.map((node) => poll(node.url, connectionToken)));
      assert.deepEqual(direct.map(({ status }) => status).sort(), [200, 404]);
    });

    it("with the cookie the same requests reach the node that negotiated", async () => {
      const { connectionToken, stickiness } = await negotiate(sticky.url);
      const cookie = stickiness.split(";")[0];
      assert.deepEqual(await poll(sticky.url, connectionToken, { cookie }), { status: 200, body: "" });
    });

    // What the client reports of the 404 on each transport.
    const notFound = [
      [LONG_POLLING, /LongPolling failed: Error: No Connection with that ID: Status code '404'/],
      [SERVER_SENT_EVENTS, /ServerSentEvents failed: .*The connection could not be found on the server/],
    ];
    for (const [transport, message] of notFound) {
      it(`the official client over ${transport.name} cannot start without it, and starts with it`, async (t) => {
        const lost = createHub(t, `${roundRobinOnly.url}/testhub`, { transport });
        await assert.rejects(withTimeout(lost.start(), `start over ${transport.name} without the cookie`), message);

        const kept = await startHub(t, `${sticky.url}/testhub`, { transport });
        await assertRoundTrip(kept, transport.name);
      });
    }

    it("WebSockets need it too when the client negotiates", async (t) => {
      const lost = createHub(t, `${roundRobinOnly.url}/testhub`, { transport: WEBSOCKETS });
      await assert.rejects(withTimeout(lost.start(), "start over WebSockets without the cookie"),
        /WebSockets failed: .*the connection ID is not present on the server/);
    });

    it("WebSockets with skipNegotiation need no stickiness: one request carries the whole connection", async (t) => {
      const connection = await startHub(t, `${roundRobinOnly.url}/testhub`, { transport: WEBSOCKETS, skipNegotiation: true });
      await assertRoundTrip(connection, WEBSOCKETS.name);
    });
  });
});
