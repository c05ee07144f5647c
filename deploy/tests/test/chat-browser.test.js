"use strict";

// The chat example's page in Chromium, as a person uses it: through nginx (deploy/nginx/nginx.conf) in front of one
// chat server, and through HAProxy (deploy/haproxy/haproxy.cfg) in front of two chat servers sharing one Redis, two
// people chat. Screenshots land in target/screenshots.

const assert = require("node:assert/strict");
const { after, before, describe, it } = require("node:test");
const { startJavaServer } = require("../../../examples/interop/js/lib/server-process");
const { useRedis, unavailableReason: noRedis } = require("../../../examples/interop/js/lib/redis-server");
const { uniqueName } = require("../../../examples/interop/js/lib/waiting");
const { startHaproxy, startNginx } = require("../lib/proxies");
const { CHAT_JAR } = require("../lib/clients");
const { unavailableReason: noChromium, launchChromium, openChat, say, heard, screenshot } = require("../lib/browser");

const CHAT_ENV = { HOST: "127.0.0.1", PORT: "0" };

describe("the chat page in Chromium", { skip: noChromium() }, () => {
  let browser;
  before(async () => {
    browser = await launchChromium();
  }, { timeout: 60_000 });
  after(() => browser?.close());

  /** Alice and Bob open `url`, each says something, each sees both; resolves with their pages. */
  async function chat(t, url) {
    const alice = await openChat(t, browser, url, "alice");
    const bob = await openChat(t, browser, url, "bob");
    const hello = uniqueName("hello bob");
    await say(alice, hello);
    await Promise.all([heard(bob, "alice", hello), heard(alice, "alice", hello)]);
    const reply = uniqueName("hi alice");
    await say(bob, reply);
    await Promise.all([heard(alice, "bob", reply), heard(bob, "bob", reply)]);
    return [alice, bob];
  }

  describe("through nginx", () => {
    let server;
    let nginx;
    before(async () => {
      server = await startJavaServer({ jar: CHAT_JAR, env: CHAT_ENV });
      nginx = await startNginx(server.url);
    }, { timeout: 60_000 });
    after(async () => {
      await nginx?.stop();
      await server?.stop();
    });

    it("two people chat, over WebSockets through nginx", async (t) => {
      const [alice, bob] = await chat(t, `${nginx.url}/`);
      for (const page of [alice, bob]) {
        assert.ok(page.webSockets.some((url) => url.startsWith(`${nginx.url.replace("http", "ws")}/chat?id=`)),
          `no WebSocket to /chat through nginx: ${page.webSockets}`);
      }
      await screenshot(alice, "nginx-alice");
      await screenshot(bob, "nginx-bob");
    });
  });

  describe("through HAProxy, two chat servers and one Redis", { skip: noRedis() }, () => {
    let redis;
    const servers = [];
    let haproxy;
    before(async () => {
      redis = await useRedis();
      for (let i = 0; i < 2; i++) {
        servers.push(await startJavaServer({ jar: CHAT_JAR, env: { ...CHAT_ENV, REDIS_URL: redis.url } }));
      }
      haproxy = await startHaproxy(servers.map((server) => server.url));
    }, { timeout: 90_000 });
    after(async () => {
      await haproxy?.stop();
      await Promise.all(servers.map((server) => server.stop()));
      await redis?.stop();
    });

    it("two people on different nodes chat", async (t) => {
      const [alice, bob] = await chat(t, `${haproxy.url}/`);
      const nodeOf = async (page) => (await page.context().cookies()).find(({ name }) => name === "AWSALB")?.value
        .split("|")[0];
      assert.deepEqual([await nodeOf(alice), await nodeOf(bob)].sort(), ["node1", "node2"]);
      await screenshot(alice, "haproxy-alice");
      await screenshot(bob, "haproxy-bob");
    });
  });
});
