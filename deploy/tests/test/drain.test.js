"use strict";

// A drain under load, behind the ALB stand-in: two interop nodes (each with --drain) and one Redis behind
// deploy/haproxy/haproxy.cfg, clients of the official JavaScript client with automatic reconnect on both nodes,
// a numbered broadcast flowing. SIGTERM to one node: HAProxy's health check sees 503 Draining and takes it out;
// once the drain ends, its clients are closed with allowReconnect, reconnect through HAProxy to the other node and
// hear the broadcast again; the other node's clients miss no number; the drained node exits 0.
//
// The file's health check timing (every 10 s, down after 10 failures: 100 s, the ALB's) is replaced by a fast one,
// as the ports are, so that HAProxy sees the drain within it.

const assert = require("node:assert/strict");
const { after, before, describe, it } = require("node:test");
const { startJavaServer } = require("../../../examples/interop/js/lib/server-process");
const { useRedis, unavailableReason } = require("../../../examples/interop/js/lib/redis-server");
const { deferred, withTimeout } = require("../../../examples/interop/js/lib/waiting");
const { startHaproxy } = require("../lib/proxies");
const { INTEROP_JAR, startHub } = require("../lib/clients");
const { eventually } = require("../lib/eventually");

const DRAIN_MS = 3000;
const FAST_CHECKS = "inter 250ms rise 1 fall 2";
const CLIENTS_PER_NODE = 2;
const MAX_CLIENTS = 12;
const SEND_EVERY_MS = 20;
// Generous bounds that only keep a broken test from hanging
const RECONNECT_TIMEOUT_MS = 30_000;

describe("SIGTERM to one of two nodes behind HAProxy, under load", { skip: unavailableReason() }, () => {
  let redis;
  const nodes = [];
  let haproxy;
  before(async () => {
    redis = await useRedis();
    for (let i = 0; i < 2; i++) {
      nodes.push(await startJavaServer({
        jar: INTEROP_JAR, args: ["--port", "0", "--redis", redis.url, "--drain", String(DRAIN_MS)],
      }));
    }
    haproxy = await startHaproxy(nodes.map((node) => node.url), { checks: FAST_CHECKS });
  }, { timeout: 90_000 });
  after(async () => {
    await haproxy?.stop();
    await Promise.all(nodes.map((node) => node.stop()));
    await redis?.stop();
  });

  /** The name the interop server at `url` reports (GetServerName), from a direct connection. */
  async function serverName(t, url) {
    const direct = await startHub(t, `${url}/testhub`);
    const name = await direct.invoke("GetServerName");
    await direct.stop();
    return name;
  }

  /**
   * A client through HAProxy recording every numbered broadcast it hears: `{ connection, heard, reconnected }`,
   * `reconnected` a promise of the first automatic reconnect.
   */
  async function listener(t) {
    const connection = await startHub(t, `${haproxy.url}/testhub`, { reconnect: true });
    const heard = [];
    const waiters = [];
    connection.on("Broadcast", (text) => {
      const number = Number(/^n(\d+)$/.exec(text)?.[1]);
      if (Number.isNaN(number)) return;
      heard.push(number);
      for (const waiter of waiters.filter((w) => number >= w.number)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
    const reconnected = deferred();
    connection.onreconnected(() => reconnected.resolve());
    const hears = (number, what) => {
      if (heard.some((n) => n >= number)) return Promise.resolve();
      const waiter = { number, ...deferred() };
      waiters.push(waiter);
      return withTimeout(waiter.promise, what, RECONNECT_TIMEOUT_MS);
    };
    return { connection, heard, reconnected: reconnected.promise, hears };
  }

  it("the drained node's clients reconnect to the other node, whose clients miss nothing; it exits 0", async (t) => {
    const [victim, survivor] = nodes;
    const victimName = await serverName(t, victim.url);
    const survivorName = await serverName(t, survivor.url);

    // Round robin spreads new clients over both nodes.
    const byNode = new Map([[victimName, []], [survivorName, []]]);
    for (let i = 0; i < MAX_CLIENTS && [...byNode.values()].some((list) => list.length < CLIENTS_PER_NODE); i++) {
      const client = await listener(t);
      byNode.get(await client.connection.invoke("GetServerName")).push(client);
    }
    const drained = byNode.get(victimName);
    const staying = byNode.get(survivorName);
    assert.ok(drained.length >= CLIENTS_PER_NODE && staying.length >= CLIENTS_PER_NODE, "round robin missed a node");

    // The numbered broadcast, sent through the node that stays, one after the other.
    const sender = staying[0].connection;
    let next = 0;
    let sending = true;
    const sent = (async () => {
      while (sending) {
        await sender.invoke("SendToAll", `n${next}`);
        next++;
        await new Promise((resolve) => setTimeout(resolve, SEND_EVERY_MS));
      }
    })();
    await Promise.all([...drained, ...staying].map((client) => client.hears(5, "the broadcast to start")));

    const exit = victim.stop();
    const seenDown = /Server switchboard\/node1 is DOWN, reason: Layer7 wrong status, code: 503/;
    await eventually(() => assert.match(haproxy.log(), seenDown), "HAProxy to see node1 down", RECONNECT_TIMEOUT_MS);

    await withTimeout(Promise.all(drained.map((client) => client.reconnected)), "the drained clients to reconnect",
      RECONNECT_TIMEOUT_MS);
    for (const { connection } of drained) assert.equal(await connection.invoke("GetServerName"), survivorName);
    const afterReconnect = next;
    await Promise.all(drained.map((client) => client.hears(afterReconnect + 5, "the broadcast after the reconnect")));
    assert.deepEqual(await withTimeout(exit, "the drained node to exit", RECONNECT_TIMEOUT_MS),
      { code: 0, signal: null }, victim.log());

    sending = false;
    await withTimeout(sent, "the sender to stop");
    const last = next - 1;
    await Promise.all(staying.map((client) => client.hears(last, "the last number")));
    for (const { heard } of staying) {
      assert.deepEqual(heard, Array.from({ length: last + 1 }, (_, i) => i),
        "a client of the node that stayed missed a number");
    }
  }, { timeout: 120_000 });
});
