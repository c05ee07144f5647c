"use strict";

// Reads deploy/ecs/Dockerfile the way the image would use it: its instructions (continuation lines joined,
// comments dropped), its ENV, the exec-form ENTRYPOINT and HEALTHCHECK, and the file COPY puts into the image.
// Only what that Dockerfile uses is understood; anything else fails here rather than being misread.

const fs = require("node:fs");
const path = require("node:path");

const DOCKERFILE = path.resolve(__dirname, "..", "..", "ecs", "Dockerfile");

/** The Dockerfile's instructions in order: `[{ keyword, args }]`, keyword upper-cased. */
function instructions(text) {
  const joined = text.split("\n").filter((line) => !/^\s*#/.test(line)).join("\n").replace(/\\\n/g, " ");
  return joined.split("\n").filter((line) => line.trim() !== "").map((line) => {
    const [, keyword, args] = /^\s*(\w+)\s+(.*)$/.exec(line);
    return { keyword: keyword.toUpperCase(), args: args.trim() };
  });
}

/** The only instruction `keyword` of `all`; throws unless there is exactly one. */
function only(all, keyword) {
  const found = all.filter((instruction) => instruction.keyword === keyword);
  if (found.length !== 1) throw new Error(`Dockerfile: expected one ${keyword}, found ${found.length}`);
  return found[0].args;
}

/** An exec-form argument list (a JSON array); throws on the shell form. */
function execForm(args, what) {
  if (!args.startsWith("[")) throw new Error(`Dockerfile: ${what} is not in exec form: ${args}`);
  return JSON.parse(args);
}

/**
 * deploy/ecs/Dockerfile: `{ text, env, entrypoint, healthcheck: { options, command }, copies, user, expose }`;
 * `copies` maps each file put into the image to its source in the build context.
 */
function readDockerfile() {
  const text = fs.readFileSync(DOCKERFILE, "utf8");
  const all = instructions(text);
  const env = Object.fromEntries(all.filter(({ keyword }) => keyword === "ENV")
    .flatMap(({ args }) => args.split(/\s+/).map((pair) => /^(\w+)=(\S*)$/.exec(pair).slice(1))));
  const [, flags, command] = /^((?:--\S+\s+)*)CMD\s+(.*)$/.exec(only(all, "HEALTHCHECK"));
  const options = Object.fromEntries(flags.trim().split(/\s+/).map((flag) => /^--([\w-]+)=(\S+)$/.exec(flag).slice(1)));
  const copies = Object.fromEntries(all.filter(({ keyword }) => keyword === "COPY")
    .map(({ args }) => args.split(/\s+/).reverse()));
  return {
    text,
    env,
    entrypoint: execForm(only(all, "ENTRYPOINT"), "ENTRYPOINT"),
    healthcheck: { options, command: execForm(command, "HEALTHCHECK CMD") },
    copies,
    user: only(all, "USER"),
    expose: only(all, "EXPOSE"),
  };
}

module.exports = { readDockerfile };
