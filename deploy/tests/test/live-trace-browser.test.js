"use strict";

// The live trace page (switchboard-live-trace) of the interop server started with --live-trace, in Chromium: the
// official JavaScript client connects and invokes, the events appear in the page as they happen, and the page's
// filters narrow them down; and the chat's, with LIVE_TRACE=1, watching the chat page. Screenshots land in
// target/screenshots.

const assert = require("node:assert/strict");
const { after, before, describe, it } = require("node:test");
const { startJavaServer } = require("../../../examples/interop/js/lib/server-process");
const { TIMEOUT_MS } = require("../../../examples/interop/js/lib/waiting");
const { CHAT_JAR, INTEROP_JAR, LONG_POLLING, MESSAGEPACK_PROTOCOL, startHub } = require("../lib/clients");
const { unavailableReason: noChromium, launchChromium, openChat, say, heard, screenshot } = require("../lib/browser");

describe("the live trace page in Chromium", { skip: noChromium() }, () => {
  let browser;
  let server;
  before(async () => {
    browser = await launchChromium();
    server = await startJavaServer({ jar: INTEROP_JAR, args: ["--live-trace"] });
  }, { timeout: 60_000 });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The trace page at `url` in a new browser context closed when test `t` ends, once its feed is open. */
  async function openTrace(t, url) {
    const context = await browser.newContext({ viewport: { width: 1500, height: 900 } });
    t.after(() => context.close());
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    await page.goto(url);
    await page.locator("#status", { hasText: /^live$/ }).waitFor();
    return page;
  }

  const token = (user) => fetch(`${server.url}/generateJwtToken/${user}`).then((response) => response.text());

  it("answers 401 without a token, like a hub that needs one", async () => {
    for (const path of ["/live-trace", "/live-trace/events", "/live-trace/events?access_token=forged"]) {
      assert.equal((await fetch(`${server.url}${path}`)).status, 401, path);
    }
  });

  it("shows connections, invocations and messages as they happen, filtered by hub, connection, user and method",
    async (t) => {
      const page = await openTrace(t, `${server.url}/live-trace?access_token=${encodeURIComponent(await token("operator"))}`);

      const alice = await startHub(t, `${server.url}/authorizedhub`, { accessTokenFactory: () => token("alice") });
      const bob = await startHub(t, `${server.url}/testhub`, { protocol: MESSAGEPACK_PROTOCOL, transport: LONG_POLLING });
      assert.equal(await alice.invoke("Echo", "hello"), "hello");
      assert.equal(await bob.invoke("Echo", "hi"), "hi");
      await assert.rejects(bob.invoke("ThrowException", "boom"));
      const bobId = bob.connectionId;
      await bob.stop();

      const row = (type, ...texts) => texts.reduce((rows, text) => rows.filter({ hasText: text }),
        page.locator(`#events tr.${type}`));
      await row("connected", alice.connectionId, "alice", "AuthorizedHub", "WebSockets").waitFor();
      await row("invocation", alice.connectionId, "alice", "Echo", "success").waitFor();
      await row("received", alice.connectionId, "alice", "json").first().waitFor();
      await row("sent", alice.connectionId, "alice", "json").first().waitFor();
      await row("connected", bobId, "TestHub", "LongPolling").waitFor();
      await row("received", bobId, "messagepack").first().waitFor();
      await row("invocation", bobId, "ThrowException", "error").waitFor();
      await row("disconnected", bobId, "normal_closure").waitFor();
      await screenshot(page, "live-trace");

      const visible = page.locator("#events tr:not(.hidden)");
      const visibleValues = (field) => visible.evaluateAll((rows, name) => rows.map((r) => r.dataset[name]), field);
      const filterBy = async (id, value) => {
        for (const input of ["#filter-hub", "#filter-connection", "#filter-user", "#filter-method"]) {
          await page.fill(input, input === id ? value : "");
        }
      };

      await filterBy("#filter-user", "alice");
      const users = await visibleValues("user");
      assert.ok(users.length >= 4 && users.every((user) => user === "alice"), `rows shown for user alice: ${users}`);

      await filterBy("#filter-connection", bobId);
      const connections = await visibleValues("connectionId");
      assert.ok(connections.length >= 4 && connections.every((id) => id === bobId), `rows shown: ${connections}`);

      await filterBy("#filter-hub", "authorized");
      const hubs = await visibleValues("hub");
      assert.ok(hubs.length >= 4 && hubs.every((hub) => hub.includes("AuthorizedHub")), `rows shown: ${hubs}`);

      await filterBy("#filter-method", "throwexception");
      assert.deepEqual(await visibleValues("method"), ["ThrowException"]);
      await screenshot(page, "live-trace-filtered");
    });

  it("is served by the chat with LIVE_TRACE=1 to the holder of LIVE_TRACE_TOKEN", async (t) => {
    const chat = await startJavaServer({
      jar: CHAT_JAR, env: { HOST: "127.0.0.1", PORT: "0", LIVE_TRACE: "1", LIVE_TRACE_TOKEN: "let-me-watch" },
    });
    t.after(() => chat.stop());
    assert.equal((await fetch(`${chat.url}/live-trace?access_token=guess`)).status, 401);
    const trace = await openTrace(t, `${chat.url}/live-trace?access_token=let-me-watch`);
    const alice = await openChat(t, browser, `${chat.url}/`, "alice");
    await say(alice, "hello, trace");
    await heard(alice, "alice", "hello, trace");
    await trace.locator("#events tr.connected", { hasText: "ChatHub" }).waitFor();
    await trace.locator("#events tr.invocation", { hasText: "Send" }).filter({ hasText: "success" }).waitFor();
    await screenshot(trace, "live-trace-chat");
  });
});
