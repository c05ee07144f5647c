"use strict";

// Waiting for asynchronous events without timed assertions. Node built-ins only, so that other example projects
// (examples/chat/js) can share it without installing anything.

const { isDeepStrictEqual } = require("node:util");

/** How long any single awaited event may take before the test fails; generous, never asserted on. */
const TIMEOUT_MS = 10_000;

/** Rejects with a clear message when `promise` has not settled after `ms`. */
function withTimeout(promise, what, ms = TIMEOUT_MS) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A promise with its resolve and reject functions exposed. */
function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * Records every call of client method `method` on a hub connection (anything with `on(method, handler)`), in
 * arrival order, as argument arrays. `expect(...args)` resolves once a call with exactly these arguments has arrived
 * (or had already arrived).
 */
function inbox(connection, method) {
  const calls = [];
  const waiters = [];
  connection.on(method, (...args) => {
    calls.push(args);
    for (const waiter of waiters.filter((w) => isDeepStrictEqual(w.args, args))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(args);
    }
  });
  return {
    calls,
    expect(...args) {
      if (calls.some((call) => isDeepStrictEqual(call, args))) return Promise.resolve(args);
      const waiter = { args, ...deferred() };
      waiters.push(waiter);
      return withTimeout(waiter.promise, `${method}(${JSON.stringify(args)})`);
    },
  };
}

/** A name that no other test uses (for groups, rooms, broadcast texts). */
function uniqueName(prefix) {
  return `${prefix}-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
}

module.exports = { TIMEOUT_MS, withTimeout, deferred, inbox, uniqueName };
