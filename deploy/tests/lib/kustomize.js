"use strict";

// Renders a Kustomize directory as `kubectl kustomize` does, for the few features deploy/eks uses (resources,
// replicas, images, JSON 6902 patches with a kind/name target), so that no kubectl is needed. Anything else in a
// kustomization.yaml fails here rather than being ignored.

const fs = require("node:fs");
const path = require("node:path");
const YAML = require("yaml");

const KNOWN_FIELDS = new Set(["apiVersion", "kind", "resources", "replicas", "images", "patches"]);

/** The YAML documents of `file`, each as a plain object. */
function readDocuments(file) {
  return YAML.parseAllDocuments(fs.readFileSync(file, "utf8")).map((document) => {
    if (document.errors.length) throw new Error(`${file}: ${document.errors[0].message}`);
    return document.toJS();
  });
}

/** The object and key that JSON pointer `pointer` names in `root` (RFC 6901). */
function locate(root, pointer) {
  const keys = pointer.split("/").slice(1).map((key) => key.replaceAll("~1", "/").replaceAll("~0", "~"));
  const last = keys.pop();
  const parent = keys.reduce((node, key) => {
    if (node?.[key] === undefined) throw new Error(`no ${pointer}`);
    return node[key];
  }, root);
  return { parent, key: Array.isArray(parent) && last !== "-" ? Number(last) : last };
}

/** Applies JSON patch `operations` (RFC 6902: test, add, replace, remove) to `object` in place. */
function applyJsonPatch(object, operations) {
  for (const { op, path: pointer, value } of operations) {
    const { parent, key } = locate(object, pointer);
    if (op === "test") {
      if (JSON.stringify(parent[key]) !== JSON.stringify(value)) throw new Error(`test failed at ${pointer}`);
    } else if (op === "replace") {
      if (parent[key] === undefined) throw new Error(`replace of a missing ${pointer}`);
      parent[key] = value;
    } else if (op === "add") {
      if (Array.isArray(parent)) parent.splice(key === "-" ? parent.length : key, 0, value);
      else parent[key] = value;
    } else if (op === "remove") {
      if (Array.isArray(parent)) parent.splice(key, 1);
      else delete parent[key];
    } else {
      throw new Error(`unsupported patch operation ${op}`);
    }
  }
}

/** The containers of a workload's pod template. */
function containersOf(resource) {
  return resource.spec?.template?.spec?.containers ?? [];
}

/** The resources the kustomization in `dir` renders to, in the order of its `resources`. */
function render(dir) {
  const [kustomization] = readDocuments(path.join(dir, "kustomization.yaml"));
  const unknown = Object.keys(kustomization).filter((field) => !KNOWN_FIELDS.has(field));
  if (unknown.length) throw new Error(`${dir}/kustomization.yaml: not understood here: ${unknown.join(", ")}`);

  const resources = (kustomization.resources ?? []).flatMap((entry) => {
    const target = path.resolve(dir, entry);
    return fs.statSync(target).isDirectory() ? render(target) : readDocuments(target);
  });
  const find = (kind, name) => {
    const found = resources.find((resource) => resource.kind === kind && resource.metadata.name === name);
    if (!found) throw new Error(`${dir}: no ${kind} ${name}`);
    return found;
  };
  for (const { name, count } of kustomization.replicas ?? []) {
    find("Deployment", name).spec.replicas = count;
  }
  for (const { name, newName, newTag } of kustomization.images ?? []) {
    const containers = resources.flatMap(containersOf).filter(({ image }) => image.split(":")[0] === name);
    if (!containers.length) throw new Error(`${dir}: no container runs image ${name}`);
    for (const container of containers) container.image = `${newName ?? name}:${newTag ?? "latest"}`;
  }
  for (const { path: file, target } of kustomization.patches ?? []) {
    applyJsonPatch(find(target.kind, target.name), YAML.parse(fs.readFileSync(path.join(dir, file), "utf8")));
  }
  return resources;
}

module.exports = { render, readDocuments };
