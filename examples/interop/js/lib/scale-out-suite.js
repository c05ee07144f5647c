"use strict";

// Two interop servers sharing one backplane form one cluster: clients on either node reach each other.
// Run by scale-out.test.js (Redis) and scale-out-postgres.test.js (the SQL backplane on PostgreSQL).

const assert = require("node:assert/strict");
const path = require("node:path");
const { describe, it, before, after } = require("node:test");
const { startJavaServer } = require("./server-process");
const { JSON_PROTOCOL, MESSAGEPACK_PROTOCOL, getJwtToken, startHub } = require("./signalr");
const { inbox, uniqueName, TIMEOUT_MS } = require("./waiting");

const JAR = process.env.INTEROP_JAR || path.resolve(__dirname, "..", "..", "target", "switchboard-interop.jar");

/** Polls `check` until it returns true, within the usual timeout (for states reached asynchronously). */
async function eventually(what, check) {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function health(node) {
  const response = await fetch(`${node.url}/health`);
  return `${response.status} ${await response.text()}`;
}

/**
 * The scale-out tests on one kind of backplane.
 *
 * @param {object} options
 * @param {string} options.name what the nodes share, e.g. "one Redis"
 * @param {string|undefined} options.skip why the backplane cannot be had here, or undefined
 * @param {() => Promise<{url: string, restartable: boolean, stop: () => Promise<void>, start: () => Promise<void>}>}
 *   options.useBackplane starts (or finds) the backplane's server
 * @param {string} options.option the interop server's option naming it, e.g. "--redis"
 */
function describeScaleOut({ name, skip, useBackplane, option }) {
  describe(`two interop servers sharing ${name}`, { skip }, () => {
    let backplane;
    const nodes = [];

    before(async () => {
      backplane = await useBackplane();
      for (let i = 0; i < 2; i++) {
        nodes.push(await startJavaServer({ jar: JAR, args: ["--port", "0", option, backplane.url] }));
      }
    }, { timeout: 90_000 });

    after(async () => {
      for (const node of nodes) await node.stop();
      await backplane?.stop();
    });

    /** One client on each node: JSON on the first, MessagePack on the second. */
    async function pair(t) {
      const first = await startHub(t, `${nodes[0].url}/testhub`, { protocol: JSON_PROTOCOL });
      const second = await startHub(t, `${nodes[1].url}/testhub`, { protocol: MESSAGEPACK_PROTOCOL });
      return [first, second];
    }

    it("each node has its own name", async (t) => {
      const [first, second] = await pair(t);
      assert.notEqual(await first.invoke("GetServerName"), await second.invoke("GetServerName"));
    });

    it("SendToAll and SendToOthers cross nodes", async (t) => {
      const [first, second] = await pair(t);
      const [firstAll, secondAll] = [inbox(first, "Broadcast"), inbox(second, "Broadcast")];
      const everyone = uniqueName("all");
      await first.invoke("SendToAll", everyone);
      await Promise.all([firstAll.expect(everyone), secondAll.expect(everyone)]);

      const others = uniqueName("others");
      await second.invoke("SendToOthers", others);
      await firstAll.expect(others);
      const marker = uniqueName("marker");
      await second.invoke("SendToAll", marker);
      await secondAll.expect(marker);
      assert.ok(!secondAll.calls.some(([message]) => message === others), "the caller got its own SendToOthers");
    });

    it("groups, group-except and single connections cross nodes", async (t) => {
      const [first, second] = await pair(t);
      const group = uniqueName("group");
      const secondGroup = inbox(second, "GroupMessage");
      const firstGroup = inbox(first, "GroupMessage");
      await second.invoke("AddToGroup", group);
      await first.invoke("AddToGroup", group);
      await first.invoke("SendToGroup", group, "to the group");
      await Promise.all([secondGroup.expect(group, "to the group"), firstGroup.expect(group, "to the group")]);
      await first.invoke("SendToOthersInGroup", group, "not to me");
      await secondGroup.expect(group, "not to me");

      const direct = inbox(second, "Direct");
      await first.invoke("SendToConnection", await second.invoke("GetCallerConnectionId"), "just you");
      await direct.expect("just you");
    });

    it("a user's connections on both nodes get what is sent to the user", async (t) => {
      const user = uniqueName("user");
      const hub = async (node) =>
        startHub(t, `${node.url}/authorizedhub`, { accessTokenFactory: () => getJwtToken(node.url, user) });
      const [first, second] = [await hub(nodes[0]), await hub(nodes[1])];
      const [firstInbox, secondInbox] = [inbox(first, "UserMessage"), inbox(second, "UserMessage")];
      await second.invoke("SendToUser", user, "to the user");
      await Promise.all([firstInbox.expect("to the user"), secondInbox.expect("to the user")]);
    });

    it("a client result asked on one node for a connection on the other", async (t) => {
      const [, second] = await pair(t);
      second.on("Result", () => 10);
      const connectionId = await second.invoke("GetCallerConnectionId");
      const response = await fetch(`${nodes[0].url}/clientresult/${connectionId}`);
      assert.equal(await response.text(), "10");
    });

    it("survives the backplane going away and coming back", async (t) => {
      if (!backplane.restartable) return t.skip("the backplane's server cannot be restarted");
      const [first, second] = await pair(t);
      const firstAll = inbox(first, "Broadcast");
      const secondAll = inbox(second, "Broadcast");
      await Promise.all(nodes.map(async (node) => assert.equal(await health(node), "200 Healthy")));

      await backplane.stop();
      await eventually("both nodes to report the backplane unhealthy", async () =>
        (await Promise.all(nodes.map(health))).every((state) => state === "503 Unhealthy"));
      // Local delivery goes on: the caller's own node still delivers to it.
      const local = uniqueName("local");
      await first.invoke("SendToAll", local).catch(() => {});
      await firstAll.expect(local);
      assert.equal(await first.invoke("Echo", "still here"), "still here");

      await backplane.start();
      await eventually("both nodes to report the backplane healthy again", async () =>
        (await Promise.all(nodes.map(health))).every((state) => state === "200 Healthy"));
      // Cross-node delivery resumes once the nodes resubscribed: send until one arrives.
      const sent = [];
      await eventually("a broadcast to cross the nodes again", async () => {
        sent.push(uniqueName("again"));
        await first.invoke("SendToAll", sent.at(-1)).catch(() => {});
        return secondAll.calls.some(([message]) => sent.includes(message));
      });
    });
  });
}

module.exports = { describeScaleOut };
