"use strict";

// The interop test server (examples/interop) for one test file: started before its tests, stopped after them.

const path = require("node:path");
const { before, after } = require("node:test");
const { startJavaServer } = require("./server-process");

const DEFAULT_JAR = path.resolve(__dirname, "..", "..", "target", "switchboard-interop.jar");

/**
 * Registers before/after hooks that run the interop server for the calling test file.
 * INTEROP_JAR overrides the jar; INTEROP_URL points the tests at a server that is already running instead.
 *
 * @returns {{url: string}} filled in once the `before` hook ran, e.g. `http://127.0.0.1:40123`
 */
function useInteropServer() {
  const server = { url: undefined };
  let running;
  before(async () => {
    if (process.env.INTEROP_URL) {
      server.url = process.env.INTEROP_URL.replace(/\/+$/, "");
      return;
    }
    running = await startJavaServer({ jar: process.env.INTEROP_JAR || DEFAULT_JAR, args: ["--port", "0"] });
    server.url = running.url;
  }, { timeout: 60_000 });
  after(async () => {
    await running?.stop();
  });
  return server;
}

module.exports = { useInteropServer };
