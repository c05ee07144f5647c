"use strict";

// Long polling behind a proxy's idle timeout (deploy/haproxy/haproxy.cfg, the ALB stand-in): a long poll held
// longer than the timeout is cut (504) and the connection lost; with the server's long-poll timeout shorter than
// the idle timeout, as deploy/README.md recommends (50 s behind 60 s), every poll ends in time and the connection
// lives on. The same proportions, shortened so that the test waits seconds, not minutes: HAProxy's 60 s timeouts
// replaced by 3 s (as its ports are), the chat server's long poll by 2 s (LONG_POLL_TIMEOUT_MS).

const assert = require("node:assert/strict");
const { after, before, describe, it } = require("node:test");
const { startJavaServer } = require("../../../examples/interop/js/lib/server-process");
const { deferred, inbox, uniqueName, withTimeout } = require("../../../examples/interop/js/lib/waiting");
const { startHaproxy } = require("../lib/proxies");
const { CHAT_JAR, LONG_POLLING, startHub } = require("../lib/clients");

const IDLE_TIMEOUT = "3s";
const SHORT_POLL_MS = "2000";
// Long enough for several polls, and well past the idle timeout
const IDLE_FOR_MS = 8000;

/** The chat server with `env` behind HAProxy with short idle timeouts (both of its servers the one chat server). */
async function startBehindHaproxy(env) {
  const server = await startJavaServer({ jar: CHAT_JAR, env: { HOST: "127.0.0.1", PORT: "0", ...env } });
  const haproxy = await startHaproxy([server.url, server.url], { timeouts: IDLE_TIMEOUT });
  return { haproxy, stop: async () => { await haproxy.stop(); await server.stop(); } };
}

/** A long-polling chat client through `haproxy`: `{ connection, closed }`, `closed` resolving with onclose's error. */
async function longPollingClient(t, haproxy) {
  const connection = await startHub(t, `${haproxy.url}/chat`, { transport: LONG_POLLING });
  const closed = deferred();
  connection.onclose((error) => closed.resolve(error));
  return { connection, closed: closed.promise };
}

describe("long polling behind HAProxy's idle timeout", () => {
  describe("with the library's default long poll (90 s), longer than the idle timeout", () => {
    let setup;
    before(async () => { setup = await startBehindHaproxy({}); }, { timeout: 60_000 });
    after(() => setup?.stop());

    it("the proxy cuts the held poll (504) and the connection is lost", async (t) => {
      const { closed } = await longPollingClient(t, setup.haproxy);
      const error = await withTimeout(closed, "the connection to close", IDLE_FOR_MS * 2);
      assert.match(String(error), /504/);
    });
  });

  describe("with LONG_POLL_TIMEOUT_MS shorter than the idle timeout", () => {
    let setup;
    before(async () => {
      setup = await startBehindHaproxy({ LONG_POLL_TIMEOUT_MS: SHORT_POLL_MS });
    }, { timeout: 60_000 });
    after(() => setup?.stop());

    it("the connection outlives the idle timeout and still receives", async (t) => {
      const { connection, closed } = await longPollingClient(t, setup.haproxy);
      let lost;
      closed.then((error) => { lost = error ?? "closed"; });
      await new Promise((resolve) => setTimeout(resolve, IDLE_FOR_MS));
      assert.equal(lost, undefined);
      const text = uniqueName("still here");
      const received = inbox(connection, "ReceiveMessage");
      await connection.invoke("Send", "alice", text);
      await received.expect("alice", text);
    });
  });
});
