"use strict";

// A server process in the foreground (a proxy, a container's entrypoint), ready once it accepts connections.

const { spawn } = require("node:child_process");
const fs = require("node:fs");
const { accepts } = require("../../../examples/interop/js/lib/ports");

const START_TIMEOUT_MS = 15_000;
// Apache itself takes up to 8 s to reclaim a child still busy with a proxied stream when it stops.
const STOP_TIMEOUT_MS = 15_000;
const LOG_CHARS_KEPT = 20_000;

/**
 * Runs `command args` (with environment `env`, default this process's) in the foreground and resolves once
 * something accepts connections on `port` (within `startTimeoutMs`): `{ url, pid, exited, log, stop }`. Its output
 * (and the files of `logFiles`) are shown when it fails to start; SWITCHBOARD_PROXY_LOG=1 shows them always.
 * `exited` resolves with `{ code, signal }`; `stop()` ends it (SIGTERM, SIGKILL after a while) and removes its temp
 * dir `dir`, if any.
 */
async function startProcess({
  name, command, args, port, dir, env = process.env, logFiles = [], startTimeoutMs = START_TIMEOUT_MS,
}) {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  let output = "";
  const keep = (chunk) => {
    output = (output + chunk).slice(-LOG_CHARS_KEPT);
    if (process.env.SWITCHBOARD_PROXY_LOG) process.stderr.write(`[${name}] ${chunk}`);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const log = () => [output, ...logFiles.filter((file) => fs.existsSync(file))
    .map((file) => `--- ${file}\n${fs.readFileSync(file, "utf8").slice(-LOG_CHARS_KEPT)}`)].join("\n");

  let ended;
  exited.then((result) => { ended = result; });
  const deadline = Date.now() + startTimeoutMs;
  while (!(await accepts(port))) {
    if (ended || Date.now() > deadline) {
      child.kill("SIGKILL");
      const why = ended ? `exited (code ${ended.code}, signal ${ended.signal})` : `did not listen on ${port}`;
      throw new Error(`${name} ${why}:\n${log()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  async function stop() {
    process.removeListener("exit", killOnExit);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }

  return { url: `http://127.0.0.1:${port}`, pid: child.pid, exited, log, stop };
}

module.exports = { startProcess };
