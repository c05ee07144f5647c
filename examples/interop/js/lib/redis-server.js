"use strict";

// A Redis for multi-node tests: REDIS_URL if set (then it cannot be stopped), otherwise a
// `redis-server` from the PATH started on a free port, which the tests may stop and start again.

const { spawn, spawnSync } = require("node:child_process");
const { accepts, freePort } = require("./ports");

const START_TIMEOUT_MS = 10_000;

/** Why no Redis can be had here, or undefined when one can. */
function unavailableReason() {
  if (process.env.REDIS_URL) return undefined;
  const found = spawnSync("redis-server", ["--version"], { stdio: "ignore" });
  return found.error ? "neither REDIS_URL nor redis-server on the PATH" : undefined;
}

/** A Redis: `{url, restartable, stop(), start()}`. */
async function useRedis() {
  if (process.env.REDIS_URL) {
    return { url: process.env.REDIS_URL, restartable: false, stop: async () => {}, start: async () => {} };
  }
  const port = await freePort();
  let child;
  async function start() {
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: "ignore",
    });
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!(await accepts(port))) {
      if (Date.now() > deadline) throw new Error(`redis-server did not listen on ${port}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  async function stop() {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  process.once("exit", () => child?.kill("SIGKILL"));
  await start();
  return { url: `redis://127.0.0.1:${port}`, restartable: true, stop, start };
}

module.exports = { useRedis, unavailableReason };
