"use strict";

// A container's entrypoint without a container engine: the command as PID 1 of a new PID namespace (with its own
// /proc), as Docker and ECS run it, given the image's environment. Stopped the way ECS stops a task: SIGTERM to
// PID 1, then SIGKILL once the stop timeout has passed.

const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const { startProcess } = require("./foreground");

// A JVM, with the machine shared, may take a while
const START_TIMEOUT_MS = 30_000;

/** Why a PID namespace cannot be made here, or undefined when it can (unshare needs root). */
function unavailableReason() {
  const probe = spawnSync("unshare", ["--pid", "--fork", "--mount-proc", "true"], { stdio: "ignore" });
  return probe.status === 0 ? undefined : "unshare --pid --fork --mount-proc does not work here (it needs root)";
}

/** The children of process `pid`, from /proc. */
function childrenOf(pid) {
  return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
}

/** Process `pid`'s ids from the outermost PID namespace inwards (the `NSpid` line of its status). */
function namespacePids(pid) {
  return /^NSpid:\s+(.*)$/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))[1].trim().split(/\s+/).map(Number);
}

/**
 * Runs `command` (an argument list) as PID 1 of a new PID namespace with environment `env` and resolves, once it
 * accepts connections on `port`, with `{ pid, namespacePids, log, stop(stopTimeoutSeconds) }`: `pid` is its id out
 * here; `stop` sends it SIGTERM, SIGKILL after the stop timeout, and resolves with how it ended, `{ code, signal }`.
 */
async function runAsPid1(command, env, port) {
  const namespace = await startProcess({
    name: "pid 1", command: "unshare", args: ["--pid", "--fork", "--mount-proc", ...command], port, env,
    startTimeoutMs: START_TIMEOUT_MS,
  });
  // unshare --fork waits for the one process it started in the namespace, the entrypoint, and exits as it does.
  const [pid] = childrenOf(namespace.pid);

  async function stop(stopTimeoutSeconds) {
    process.kill(pid, "SIGTERM");
    const timer = setTimeout(() => process.kill(pid, "SIGKILL"), stopTimeoutSeconds * 1000);
    const ended = await namespace.exited;
    clearTimeout(timer);
    await namespace.stop();
    return ended;
  }

  return { pid, namespacePids: namespacePids(pid), log: namespace.log, stop };
}

module.exports = { unavailableReason, runAsPid1 };
