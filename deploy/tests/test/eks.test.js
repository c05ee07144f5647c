"use strict";

// deploy/eks: every manifest of the Kustomize base, and the production overlay rendered (by lib/kustomize.js, and
// compared with `kubectl kustomize` where kubectl exists), validated offline against the Kubernetes schemas of
// `kubernetes-models`; the guide's ALB annotations, the probes, and the grace period against the drain.

const assert = require("node:assert/strict");
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { before, describe, it } = require("node:test");
const YAML = require("yaml");
const { readDocuments, render } = require("../lib/kustomize");
const { readDockerfile } = require("../lib/dockerfile");

const EKS = path.resolve(__dirname, "..", "..", "eks");
const BASE = path.join(EKS, "base");
const PRODUCTION = path.join(EKS, "overlays", "production");
const HAPROXY_CFG = fs.readFileSync(path.resolve(__dirname, "..", "..", "haproxy", "haproxy.cfg"), "utf8");

/** The `kubernetes-models` class of a manifest (ESM only, hence the import). */
async function modelOf({ apiVersion, kind }) {
  const models = await import(`kubernetes-models/${apiVersion}`);
  if (!models[kind]) throw new Error(`kubernetes-models has no ${apiVersion} ${kind}`);
  return models[kind];
}

/** Throws unless `manifest` is valid against its schema. */
async function validateManifest(manifest) {
  const Model = await modelOf(manifest);
  new Model(manifest).validate();
}

/** The one resource of `kind` among `resources`. */
function one(resources, kind) {
  const found = resources.filter((resource) => resource.kind === kind);
  assert.equal(found.length, 1, `one ${kind}`);
  return found[0];
}

/** `a=b,c=d` as `{ a: "b", c: "d" }` (the load balancer controller's attribute lists). */
function attributes(list) {
  return Object.fromEntries(list.split(",").map((pair) => pair.split("=")));
}

/** A number that haproxy.cfg sets with `pattern` (one capture group). */
function haproxySetting(pattern) {
  return Number(pattern.exec(HAPROXY_CFG)[1]);
}

describe("deploy/eks: the Kustomize base and the production overlay", () => {
  const baseFiles = readDocuments(path.join(BASE, "kustomization.yaml"))[0].resources;
  const base = render(BASE);
  const production = render(PRODUCTION);

  // Kubernetes' schemas allow fields they do not define, so a misspelt one passes them; the assertions below read
  // every field that matters by its name. What the schemas do catch: a wrong type, a required field left out.
  it("a wrong type or a missing required field fails the schema validation (a pass means something)", async () => {
    const wrongType = structuredClone(one(base, "Deployment"));
    wrongType.spec.template.spec.containers[0].ports[0].containerPort = "8080";
    await assert.rejects(validateManifest(wrongType), /containerPort must be integer/);
    const noName = structuredClone(one(base, "Deployment"));
    delete noName.spec.template.spec.containers[0].name;
    await assert.rejects(validateManifest(noName), /containers\/0 must have required property name/);
  });

  for (const file of baseFiles) {
    it(`base/${file} is valid against the Kubernetes schema`, async () => {
      for (const manifest of readDocuments(path.join(BASE, file))) await validateManifest(manifest);
    });
  }

  it("the production overlay renders to valid manifests", async () => {
    assert.deepEqual(production.map(({ kind }) => kind).sort(), ["Deployment", "Ingress", "Service"]);
    for (const manifest of production) await validateManifest(manifest);
  });

  it("the overlay sets the guide's 5 replicas, the ElastiCache endpoint and the ECR image", () => {
    const deployment = one(production, "Deployment");
    assert.equal(deployment.spec.replicas, 5);
    const [container] = deployment.spec.template.spec.containers;
    const env = Object.fromEntries(container.env.map(({ name, value }) => [name, value]));
    assert.match(env.REDIS_URL, /^redis:\/\/\S+\.cache\.amazonaws\.com:6379$/);
    assert.match(container.image, /^\d{12}\.dkr\.ecr\.[\w-]+\.amazonaws\.com\/switchboard-chat:\S+$/);
  });

  const noKubectl = spawnSync("kubectl", ["version", "--client"]).error && "no kubectl";
  it("kubectl kustomize renders the overlay the same way", { skip: noKubectl }, () => {
    const rendered = spawnSync("kubectl", ["kustomize", PRODUCTION], { encoding: "utf8" });
    assert.equal(rendered.status, 0, rendered.stderr);
    const byKind = (resources) => Object.fromEntries(resources.map((resource) => [resource.kind, resource]));
    const documents = YAML.parseAllDocuments(rendered.stdout).map((document) => document.toJS());
    assert.deepEqual(byKind(documents), byKind(production));
  });

  describe("the Ingress: the guide's ALB", () => {
    const ingress = one(production, "Ingress");
    const annotation = (name) => ingress.metadata.annotations[`alb.ingress.kubernetes.io/${name}`];

    it("internet-facing, IP targets, the ALB ingress class", () => {
      assert.equal(annotation("scheme"), "internet-facing");
      assert.equal(annotation("target-type"), "ip");
      assert.equal(ingress.spec.ingressClassName, "alb");
    });

    it("sticky sessions by the load balancer's cookie, for one day", () => {
      const target = attributes(annotation("target-group-attributes"));
      assert.equal(target["stickiness.enabled"], "true");
      assert.equal(target["stickiness.lb_cookie.duration_seconds"], "86400");
    });

    it("the health check: GET /health, 200, the guide's thresholds (the same as haproxy.cfg's)", () => {
      assert.equal(annotation("healthcheck-path"), "/health");
      assert.equal(annotation("success-codes"), "200");
      assert.equal(Number(annotation("healthcheck-interval-seconds")), haproxySetting(/ inter (\d+)s/));
      assert.equal(Number(annotation("healthcheck-timeout-seconds")), haproxySetting(/timeout check (\d+)s/));
      assert.equal(Number(annotation("healthy-threshold-count")), haproxySetting(/ rise (\d+)/));
      assert.equal(Number(annotation("unhealthy-threshold-count")), haproxySetting(/ fall (\d+)/));
    });

    it("the idle timeout: 60 s, as haproxy.cfg's", () => {
      const timeout = attributes(annotation("load-balancer-attributes"))["idle_timeout.timeout_seconds"];
      assert.equal(Number(timeout), haproxySetting(/timeout client (\d+)s/));
    });

    it("one rule / (Prefix) to Service chat port 80, which forwards to the pods' port http", () => {
      const service = one(production, "Service");
      const deployment = one(production, "Deployment");
      assert.deepEqual(ingress.spec.rules, [{ http: { paths: [{ path: "/", pathType: "Prefix",
        backend: { service: { name: service.metadata.name, port: { number: 80 } } } }] } }]);
      assert.equal(service.spec.type, "ClusterIP");
      assert.deepEqual(service.spec.ports.map(({ port, targetPort }) => [port, targetPort]), [[80, "http"]]);
      assert.deepEqual(service.spec.selector, deployment.spec.template.metadata.labels);
    });
  });

  describe("the Deployment: the image, the probes and the drain", () => {
    const deployment = one(production, "Deployment");
    const pod = deployment.spec.template.spec;
    const [container] = pod.containers;
    const env = Object.fromEntries(container.env.map(({ name, value }) => [name, value]));
    const dockerfile = readDockerfile();

    it("port http is the image's PORT; it runs as the image's user, not root", () => {
      assert.deepEqual(container.ports, [{ name: "http", containerPort: Number(dockerfile.env.PORT) }]);
      assert.equal(`${pod.securityContext.runAsUser}:${pod.securityContext.runAsGroup}`, dockerfile.user);
      assert.equal(pod.securityContext.runAsNonRoot, true);
    });

    it("liveness and readiness probes GET /health on port http", () => {
      for (const probe of [container.livenessProbe, container.readinessProbe]) {
        assert.deepEqual(probe.httpGet, { path: "/health", port: "http" });
      }
    });

    it("the grace period covers the preStop pause and the drain; the ALB lets go of a pod before it is gone", () => {
      const preStopSeconds = container.lifecycle.preStop.sleep.seconds;
      const drainSeconds = Number(env.DRAIN_MS) / 1000;
      assert.ok(drainSeconds > 0);
      assert.ok(pod.terminationGracePeriodSeconds > preStopSeconds + drainSeconds,
        `grace ${pod.terminationGracePeriodSeconds} s, preStop ${preStopSeconds} s, drain ${drainSeconds} s`);
      const ingress = one(production, "Ingress");
      const target = attributes(ingress.metadata.annotations["alb.ingress.kubernetes.io/target-group-attributes"]);
      const deregistration = target["deregistration_delay.timeout_seconds"];
      assert.ok(Number(deregistration) <= pod.terminationGracePeriodSeconds);
      // The readiness probe notices a drain before it ends.
      assert.ok(container.readinessProbe.periodSeconds * container.readinessProbe.failureThreshold < drainSeconds);
    });
  });
});
