"use strict";

// Retrying an assertion until it holds, for states that a process reaches on its own time (a health check after a
// signal, a load balancer's view of a node). The bound only keeps a broken test from hanging.

const { TIMEOUT_MS } = require("../../../examples/interop/js/lib/waiting");

const RETRY_MS = 100;

/** Resolves once `check` (async, throwing while the state is not there) passes; rethrows its error after `ms`. */
async function eventually(check, what, ms = TIMEOUT_MS) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what}: still failing after ${ms} ms: ${error.message}`);
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}

module.exports = { eventually };
