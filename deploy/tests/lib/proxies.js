"use strict";

// Real nginx, Apache and HAProxy, started from the files in deploy/ that a user copies. Only the
// ports, and the paths of pid, log, lock and temp files (into a temp dir), are substituted; each
// substitution must find its text as often as expected, so a change to a deploy/ file that would
// make the test run something else fails here instead. Each proxy runs in the foreground as a
// child process, on a free port, and is stopped by `stop()`.

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { freePort } = require("../../../examples/interop/js/lib/ports");
const { startProcess } = require("./foreground");

const DEPLOY = path.resolve(__dirname, "..", "..");
const APACHE_MODULES = "/usr/lib/apache2/modules";

/** The port of a server URL such as `http://127.0.0.1:40123`. */
function portOf(url) {
  return new URL(url).port;
}

/** A fresh temp dir that other users can enter (the proxies' workers may run as www-data). */
function tempDir(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `switchboard-${name}-`));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/**
 * The text of `deploy/<file>` with each `[from, to, times]` of `substitutions` applied; `from` must occur exactly
 * `times` times (default 1). `to` may be null to drop the whole line that holds `from`.
 */
function deployFile(file, substitutions) {
  let text = fs.readFileSync(path.join(DEPLOY, file), "utf8");
  for (const [from, to, times = 1] of substitutions) {
    const count = text.split(from).length - 1;
    if (count !== times) throw new Error(`deploy/${file}: expected "${from}" ${times} times, found it ${count} times`);
    text = to === null ? text.split("\n").filter((line) => !line.includes(from)).join("\n") : text.replaceAll(from, to);
  }
  return text;
}

/** nginx from deploy/nginx/nginx.conf, in front of the server at `upstream` (a URL). */
async function startNginx(upstream) {
  const dir = tempDir("nginx");
  const port = await freePort();
  const config = deployFile("nginx/nginx.conf", [
    ["listen 80;", `listen 127.0.0.1:${port};`],
    ["server 127.0.0.1:5000;", `server 127.0.0.1:${portOf(upstream)};`],
    ["pid /run/nginx.pid;", `pid ${dir}/nginx.pid;`],
    ["error_log /var/log/nginx/error.log;", `error_log ${dir}/error.log;`],
    ["access_log /var/log/nginx/access.log;", `access_log ${dir}/access.log;`],
    ["client_body_temp_path /var/lib/nginx/body;", `client_body_temp_path ${dir}/body;`],
    ["proxy_temp_path /var/lib/nginx/proxy;", `proxy_temp_path ${dir}/proxy;`],
  ]);
  fs.writeFileSync(path.join(dir, "nginx.conf"), config);
  // -e: the log nginx writes to before it has read the configuration; -g: stay in the foreground.
  return startProcess({
    name: "nginx", command: "nginx", port, dir, logFiles: [`${dir}/error.log`],
    args: ["-p", dir, "-e", `${dir}/error.log`, "-c", `${dir}/nginx.conf`, "-g", "daemon off;"],
  });
}

/**
 * Apache with one VirtualHost file of deploy/apache (e.g. `switchboard-ws.conf`) in front of the server at
 * `upstream`, loading the modules that file says it needs (`proxy_wstunnel` only where it says so). The main
 * configuration around it is what Debian's apache2.conf holds that matters here, with every path in the temp dir.
 */
async function startApache(vhostFile, upstream) {
  const dir = tempDir("apache");
  const port = await freePort();
  const vhost = deployFile(`apache/${vhostFile}`, [
    ["<VirtualHost *:80>", `<VirtualHost *:${port}>`],
    ["127.0.0.1:5000/", `127.0.0.1:${portOf(upstream)}/`, 2],
  ]);
  const needs = /Needs: a2enmod ([\w ]+)/.exec(vhost)[1].trim().split(/\s+/);
  fs.writeFileSync(path.join(dir, "vhost.conf"), vhost);
  const modules = ["mpm_event", "authz_core", ...needs]
    .map((module) => `LoadModule ${module}_module ${APACHE_MODULES}/mod_${module}.so`);
  const runAs = process.getuid() === 0 ? ["User www-data", "Group www-data"] : [];
  fs.writeFileSync(path.join(dir, "apache2.conf"), [
    `ServerRoot ${dir}`,
    "ServerName 127.0.0.1",
    `Listen 127.0.0.1:${port}`,
    `PidFile ${dir}/apache2.pid`,
    `DefaultRuntimeDir ${dir}`,
    `Mutex file:${dir} default`,
    `ErrorLog ${dir}/error.log`,
    "LogLevel warn",
    ...runAs,
    ...modules,
    `Include ${dir}/vhost.conf`,
    "",
  ].join("\n"));
  return startProcess({
    name: `apache2 ${vhostFile}`, command: "apache2", port, dir, logFiles: [`${dir}/error.log`],
    args: ["-f", `${dir}/apache2.conf`, "-DFOREGROUND"],
  });
}

/**
 * HAProxy from deploy/haproxy/haproxy.cfg in front of two nodes (URLs). `withoutCookie` drops the stickiness line,
 * and nothing else, to show what the cookie is for. `checks` (e.g. `inter 250ms rise 1 fall 2`) replaces the health
 * check's timing (ALB's: 10 s, rise 3, fall 10) where a test cannot wait 100 s for a node to be seen down;
 * `timeouts` (e.g. `3s`) replaces the 60 s idle timeouts, for a test that must outlive them.
 */
async function startHaproxy(nodes, { withoutCookie = false, checks, timeouts } = {}) {
  const dir = tempDir("haproxy");
  const port = await freePort();
  const config = deployFile("haproxy/haproxy.cfg", [
    ["bind :80", `bind 127.0.0.1:${port}`],
    ["server node1 127.0.0.1:5000", `server node1 127.0.0.1:${portOf(nodes[0])}`],
    ["server node2 127.0.0.1:5001", `server node2 127.0.0.1:${portOf(nodes[1])}`],
    ...(withoutCookie ? [["cookie AWSALB", null]] : []),
    ...(checks ? [["check inter 10s rise 3 fall 10", `check ${checks}`]] : []),
    ...(timeouts
      ? ["client", "server", "tunnel"].map((side) => [`timeout ${side} 60s`, `timeout ${side} ${timeouts}`])
      : []),
  ]);
  fs.writeFileSync(path.join(dir, "haproxy.cfg"), config);
  return startProcess({ name: "haproxy", command: "haproxy", port, dir, args: ["-f", `${dir}/haproxy.cfg`, "-db"] });
}

module.exports = { startNginx, startApache, startHaproxy };
