"use strict";

// A container's entrypoint without a container engine: the command as PID 1 of a new PID namespace (with its own
// /proc), as Docker and ECS run it, given the image's environment. Stopped the way ECS stops a task: SIGTERM to
// PID 1, then SIGKILL once the stop timeout has passed.

const { spawn, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const readline = require("node:readline");
const { withTimeout } = require("../../../examples/interop/js/lib/waiting");

const LISTENING = /^Now listening on: http:\/\/\S+:(\d+)\s*$/;
const STARTUP_TIMEOUT_MS = 30_000;
const LOG_LINES_KEPT = 200;

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
 * printed `Now listening on:`, with `{ port, pid, namespacePids, log, stop(stopTimeoutSeconds) }`: `pid` is its id
 * out here; `stop` sends it SIGTERM, SIGKILL after the stop timeout, and resolves with `{ code, signal }`.
 */
async function runAsPid1(command, env) {
  const child = spawn("unshare", ["--pid", "--fork", "--mount-proc", ...command], { env, stdio: ["ignore", "pipe", "pipe"] });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const lines = [];
  const keep = (line) => {
    lines.push(line);
    if (lines.length > LOG_LINES_KEPT) lines.shift();
    if (process.env.SWITCHBOARD_SERVER_LOG) process.stderr.write(`[pid 1] ${line}\n`);
  };
  const log = () => lines.join("\n");
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  readline.createInterface({ input: child.stderr }).on("line", keep);
  const listening = new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).on("line", (line) => {
      keep(line);
      const match = LISTENING.exec(line);
      if (match) resolve(Number(match[1]));
    });
    exited.then(({ code, signal }) => reject(new Error(`exited before listening (${code}, ${signal}):\n${log()}`)));
  });
  let port;
  try {
    port = await withTimeout(listening, `'Now listening on:' from ${command.join(" ")}`, STARTUP_TIMEOUT_MS);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${error.message}\n${log()}`);
  }
  // unshare --fork waits for the one process it started in the namespace: the entrypoint.
  const [pid] = childrenOf(child.pid);

  async function stop(stopTimeoutSeconds) {
    process.removeListener("exit", killOnExit);
    process.kill(pid, "SIGTERM");
    const timer = setTimeout(() => process.kill(pid, "SIGKILL"), stopTimeoutSeconds * 1000);
    const ended = await exited;
    clearTimeout(timer);
    return ended;
  }

  return { port, pid, namespacePids: namespacePids(pid), log, stop };
}

module.exports = { unavailableReason, runAsPid1 };
