"use strict";

// deploy/ecs: the Dockerfile's ENTRYPOINT, read from the Dockerfile itself with only the jar's path in the image
// replaced by the built jar, run as PID 1 of a new PID namespace with the image's and the task definition's
// environment (REDIS_URL and the port replaced by a local redis-server and a free port), and stopped as ECS stops a
// task: SIGTERM, SIGKILL after the task definition's stopTimeout. And the Dockerfile through a linter, and the task
// definition checked against the Dockerfile. No container engine runs here: the image itself is never built.

const assert = require("node:assert/strict");
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { after, before, describe, it } = require("node:test");
const WebSocket = require("ws");
const { validate } = require("dockerfile-utils");
const { useRedis, unavailableReason: noRedis } = require("../../../examples/interop/js/lib/redis-server");
const { freePort } = require("../../../examples/interop/js/lib/ports");
const { deferred, withTimeout } = require("../../../examples/interop/js/lib/waiting");
const { CHAT_JAR } = require("../lib/clients");
const { readDockerfile } = require("../lib/dockerfile");
const { runAsPid1, unavailableReason: noNamespaces } = require("../lib/container");
const { eventually } = require("../lib/eventually");

const RECORD_SEPARATOR = "\u001e";
const JAR_IN_IMAGE = "/app/switchboard-chat.jar";
const dockerfile = readDockerfile();
const TASK_DEFINITION = path.resolve(__dirname, "..", "..", "ecs", "task-definition.json");
const taskDefinition = JSON.parse(fs.readFileSync(TASK_DEFINITION, "utf8"));
const [container] = taskDefinition.containerDefinitions;
const taskEnv = Object.fromEntries(container.environment.map(({ name, value }) => [name, value]));

/** GET /health on `port`: `{ status, body }`. */
async function health(port) {
  const response = await withTimeout(fetch(`http://127.0.0.1:${port}/health`), "GET /health");
  return { status: response.status, body: await response.text() };
}

/** The exit status of the Dockerfile's HEALTHCHECK command, run as the container would with environment `env`. */
function healthcheckStatus(env) {
  const [command, ...args] = dockerfile.healthcheck.command;
  return spawnSync(command, args, { env, timeout: 10_000 }).status;
}

/**
 * A raw SignalR JSON-protocol WebSocket on /chat (the one request a WebSocket without negotiation needs), after its
 * handshake: `{ closeMessage }`, a promise of the first Close message the server sends.
 */
async function chatSocket(port) {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/chat`);
  const handshake = deferred();
  const closeMessage = deferred();
  socket.on("message", (data) => {
    for (const frame of data.toString().split(RECORD_SEPARATOR).filter(Boolean)) {
      const message = JSON.parse(frame);
      if (message.type === undefined) handshake.resolve(message);
      if (message.type === 7) closeMessage.resolve(message);
    }
  });
  socket.on("error", handshake.reject);
  await withTimeout(new Promise((resolve) => socket.once("open", resolve)), "the WebSocket to open");
  socket.send(JSON.stringify({ protocol: "json", version: 1 }) + RECORD_SEPARATOR);
  assert.deepEqual(await withTimeout(handshake.promise, "the handshake response"), {});
  return { socket, closeMessage: closeMessage.promise };
}

describe("deploy/ecs: the Dockerfile and the task definition", () => {
  it("the linter (dockerfile-utils) finds nothing in the Dockerfile", () => {
    assert.deepEqual(validate(dockerfile.text), []);
  });

  it("the image runs the jar the build makes, as a user other than root, on 0.0.0.0", () => {
    assert.equal(dockerfile.copies[JAR_IN_IMAGE], "examples/chat/target/switchboard-chat.jar");
    assert.deepEqual(dockerfile.entrypoint.slice(-2), ["-jar", JAR_IN_IMAGE]);
    assert.equal(dockerfile.entrypoint[0], "java");
    assert.ok(dockerfile.entrypoint.some((flag) => flag.startsWith("-XX:MaxRAMPercentage=")));
    assert.doesNotMatch(dockerfile.user, /^(root|0)(:|$)/);
    assert.equal(dockerfile.env.HOST, "0.0.0.0");
  });

  it("the task definition maps the image's port, and sets REDIS_URL and DRAIN_MS", () => {
    assert.deepEqual(container.portMappings.map(({ containerPort }) => String(containerPort)), [dockerfile.env.PORT]);
    assert.equal(dockerfile.expose, dockerfile.env.PORT);
    assert.match(taskEnv.REDIS_URL, /^rediss?:\/\//);
    assert.ok(Number(taskEnv.DRAIN_MS) > 0);
  });

  it("the image's long poll ends before the ALB's idle timeout (haproxy.cfg's 60 s) would cut it", () => {
    const haproxy = fs.readFileSync(path.resolve(__dirname, "..", "..", "haproxy", "haproxy.cfg"), "utf8");
    const idleSeconds = Number(/timeout server (\d+)s/.exec(haproxy)[1]);
    assert.ok(Number(dockerfile.env.LONG_POLL_TIMEOUT_MS) < idleSeconds * 1000,
      `LONG_POLL_TIMEOUT_MS ${dockerfile.env.LONG_POLL_TIMEOUT_MS}, idle timeout ${idleSeconds} s`);
  });

  it("its stopTimeout leaves the drain time to finish: longer than DRAIN_MS", () => {
    assert.ok(container.stopTimeout * 1000 > Number(taskEnv.DRAIN_MS),
      `stopTimeout ${container.stopTimeout} s, DRAIN_MS ${taskEnv.DRAIN_MS}`);
    // Fargate's upper bound
    assert.ok(container.stopTimeout <= 120);
  });

  it("its health check is the Dockerfile's HEALTHCHECK, with the same timing", () => {
    assert.deepEqual(container.healthCheck.command, ["CMD", ...dockerfile.healthcheck.command]);
    assert.match(dockerfile.healthcheck.command.join(" "), /GET \/health /);
    const seconds = (value) => Number(/^(\d+)s$/.exec(value)[1]);
    const { options } = dockerfile.healthcheck;
    assert.deepEqual(
      [container.healthCheck.interval, container.healthCheck.timeout, container.healthCheck.startPeriod,
        container.healthCheck.retries],
      [seconds(options.interval), seconds(options.timeout), seconds(options["start-period"]), Number(options.retries)]);
  });
});

const skipPid1 = noNamespaces() ?? noRedis();

describe("deploy/ecs: the ENTRYPOINT as PID 1, stopped as ECS stops a task", { skip: skipPid1 }, () => {
  let redis;
  let pid1;
  let env;
  let port;
  let stopped = false;
  before(async () => {
    redis = await useRedis();
    port = await freePort();
    env = { PATH: process.env.PATH, ...dockerfile.env, ...taskEnv, REDIS_URL: redis.url, PORT: String(port) };
    const command = dockerfile.entrypoint.map((arg) => (arg === JAR_IN_IMAGE ? CHAT_JAR : arg));
    pid1 = await runAsPid1(command, env, port);
  }, { timeout: 60_000 });
  after(async () => {
    if (pid1 && !stopped) await pid1.stop(0);
    await redis?.stop();
  });

  it("java is PID 1 in its namespace", () => {
    assert.deepEqual(pid1.namespacePids, [pid1.pid, 1]);
    assert.match(fs.readFileSync(`/proc/${pid1.pid}/cmdline`, "utf8"), /^java\0/);
  });

  it("healthy: /health 200, and the HEALTHCHECK command passes", async () => {
    assert.deepEqual(await health(port), { status: 200, body: "Healthy" });
    assert.equal(healthcheckStatus(env), 0);
  });

  it("SIGTERM: 503 Draining, the client is closed with allowReconnect, and it exits 0 within stopTimeout", async () => {
    const client = await chatSocket(port);
    stopped = true;
    const exit = pid1.stop(container.stopTimeout);
    await eventually(async () => assert.deepEqual(await health(port), { status: 503, body: "Draining" }),
      "/health to answer 503 Draining");
    assert.notEqual(healthcheckStatus(env), 0);
    const drainAndMargin = container.stopTimeout * 1000;
    assert.deepEqual(await withTimeout(client.closeMessage, "the Close message", drainAndMargin),
      { type: 7, allowReconnect: true });
    assert.deepEqual(await exit, { code: 0, signal: null }, pid1.log());
  }, { timeout: 120_000 });
});
