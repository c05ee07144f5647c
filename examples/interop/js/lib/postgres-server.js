"use strict";

// A PostgreSQL for multi-node tests: POSTGRES_URL (a JDBC URL with credentials) if set, then it cannot be stopped;
// otherwise a cluster of its own, made by `initdb` in a temporary directory and run by `pg_ctl` on a free port, both
// found on the PATH or in /usr/lib/postgresql/<version>/bin. PostgreSQL refuses to run as root: as root, the
// cluster runs as the `postgres` system user (Debian's package creates it).

const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { freePort } = require("./ports");

/** A PostgreSQL program from the PATH, else from the newest /usr/lib/postgresql/N/bin, or undefined. */
function pgBinary(name) {
  for (const directory of (process.env.PATH || "").split(path.delimiter)) {
    const candidate = path.join(directory, name);
    if (fs.existsSync(candidate)) return candidate;
  }
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return undefined;
  const versions = fs.readdirSync(root).sort((a, b) => parseInt(b, 10) - parseInt(a, 10));
  for (const version of versions) {
    const candidate = path.join(root, version, "bin", name);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

const asRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** Runs a PostgreSQL program, as the postgres user when this is root; throws with its output when it fails. */
function run(program, args) {
  const [command, commandArgs] = asRoot ? ["runuser", ["-u", "postgres", "--", program, ...args]] : [program, args];
  const result = spawnSync(command, commandArgs, { encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`${command} ${commandArgs.join(" ")} failed:\n${result.stdout}${result.stderr}${result.error ?? ""}`);
  }
}

/** Why no PostgreSQL can be had here, or undefined when one can. */
function unavailableReason() {
  if (process.env.POSTGRES_URL) return undefined;
  return pgBinary("initdb") && pgBinary("pg_ctl") ? undefined : "neither POSTGRES_URL nor initdb and pg_ctl";
}

/** A PostgreSQL: `{url (JDBC), restartable, stop(), start()}`. */
async function usePostgres() {
  if (process.env.POSTGRES_URL) {
    return { url: process.env.POSTGRES_URL, restartable: false, stop: async () => {}, start: async () => {} };
  }
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-postgres-"));
  if (asRoot) {
    const id = (flag) => parseInt(spawnSync("id", [flag, "postgres"], { encoding: "utf8" }).stdout, 10);
    fs.chownSync(directory, id("-u"), id("-g"));
  }
  const data = path.join(directory, "data");
  const port = await freePort();
  const pgCtl = pgBinary("pg_ctl");
  run(pgBinary("initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const start = async () =>
    run(pgCtl, ["-D", data, "-l", path.join(directory, "log"), "-w", "-t", "60",
      "-o", `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1`, "start"]);
  const stop = async () => run(pgCtl, ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"]);
  process.once("exit", () => {
    try {
      run(pgCtl, ["-D", data, "-m", "immediate", "stop"]);
    } catch {
      // already stopped
    }
    fs.rmSync(directory, { recursive: true, force: true });
  });
  await start();
  return { url: `jdbc:postgresql://127.0.0.1:${port}/postgres?user=postgres`, restartable: true, stop, start };
}

module.exports = { usePostgres, unavailableReason };
