"use strict";

// Starts a Switchboard example server (a shaded jar) as a child process and waits until it is ready.
// Uses Node built-ins only, so that other example projects can share it without installing anything.

const { spawn } = require("node:child_process");
const fs = require("node:fs");
const readline = require("node:readline");

const LISTENING = /^Now listening on: (http:\/\/\S+)\s*$/;
const STARTUP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const LOG_LINES_KEPT = 200;
// Netty's paranoid leak detector, and a collection every second so that leaked buffers are
// collected and reported while the tests run; stop() fails on any "LEAK:" line.
const LEAK_DETECTION = ["-Dio.netty.leakDetection.level=paranoid", "-XX:+UseG1GC", "-XX:G1PeriodicGCInterval=1000"];
const LEAK = "LEAK:";
const LAST_REPORT_WAIT_MS = 1_500;

/**
 * Runs `java -jar <jar> <args>` (with the leak detection above) and resolves once the server
 * printed `Now listening on: <url>`. Set SWITCHBOARD_SERVER_LOG=1 to see the server's output.
 *
 * @param {object} options
 * @param {string} options.jar path of the jar to run
 * @param {string[]} [options.args] program arguments
 * @param {Record<string, string>} [options.env] extra environment variables
 * @returns {Promise<{url: string, log: () => string, stop: () => Promise<{code: number, signal: string}>}>}
 */
async function startJavaServer({ jar, args = [], env = {} }) {
  if (!fs.existsSync(jar)) {
    throw new Error(`Server jar not found: ${jar} (build it with 'mvn -B package' first)`);
  }
  const child = spawn(process.env.JAVA ?? "java", [...LEAK_DETECTION, "-jar", jar, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const lines = [];
  const leaks = [];
  const keep = (line) => {
    if (line.includes(LEAK)) leaks.push(line);
    lines.push(line);
    if (lines.length > LOG_LINES_KEPT) lines.shift();
    if (process.env.SWITCHBOARD_SERVER_LOG) process.stderr.write(`[server] ${line}\n`);
  };
  const log = () => lines.join("\n");
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  readline.createInterface({ input: child.stderr }).on("line", keep);

  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`Server did not print 'Now listening on:' within ${STARTUP_TIMEOUT_MS} ms:\n${log()}`));
    }, STARTUP_TIMEOUT_MS);
    readline.createInterface({ input: child.stdout }).on("line", (line) => {
      keep(line);
      const match = LISTENING.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`Server exited before it was ready (code ${code}, signal ${signal}):\n${log()}`));
    });
  });

  /**
   * Sends SIGTERM (SIGKILL after a while) and resolves with how the process ended: `{code, signal}`.
   * A running server first gets a last chance to report leaks (a periodic collection, then one
   * request, which makes the detector report what was collected); rejects when it reported any.
   */
  async function stop() {
    process.removeListener("exit", killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise((resolve) => setTimeout(resolve, LAST_REPORT_WAIT_MS));
      await fetch(`${url}/`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.arrayBuffer(), () => {});
      child.kill("SIGTERM");
    }
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    const ended = await exited;
    clearTimeout(timer);
    if (leaks.length > 0) {
      throw new Error(`The server reported ${leaks.length} buffer leak(s):\n${leaks.join("\n")}\n${log()}`);
    }
    return ended;
  }

  return { url, log, stop };
}

module.exports = { startJavaServer };
