"use strict";

// Debian's Chromium, driven by playwright-core (which downloads no browser of its own), and the chat page in it.

const fs = require("node:fs");
const path = require("node:path");
const { chromium } = require("playwright-core");
const { TIMEOUT_MS } = require("../../../examples/interop/js/lib/waiting");

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const SCREENSHOTS = path.resolve(__dirname, "..", "target", "screenshots");
// Playwright adds --headless and a fresh temp --user-data-dir itself.
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync"];

/** Why the browser tests cannot run here, or undefined when they can. */
function unavailableReason() {
  return fs.existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
}

/** A headless Chromium. */
function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS, timeout: TIMEOUT_MS * 3 });
}

/**
 * The chat page at `url` in a new browser context (its own cookies), closed when test `t` ends, under the name
 * `user`, once it says "connected". `page.webSockets` lists the URLs of the WebSockets the page opened.
 */
async function openChat(t, browser, url, user) {
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  page.webSockets = [];
  page.on("websocket", (socket) => page.webSockets.push(socket.url()));
  await page.goto(url);
  await page.locator("#status", { hasText: /^connected$/ }).waitFor();
  await page.fill("#user", user);
  return page;
}

/** Types `text` into the page's message box and sends it to everyone. */
async function say(page, text) {
  await page.fill("#message", text);
  await page.click("#send-all");
}

/** Resolves once the page shows the message `text` from `user`. */
async function heard(page, user, text) {
  await page.locator("#messages li", { hasText: `${user}: ${text}` }).waitFor();
}

/** Saves a screenshot of the page as target/screenshots/<name>.png and returns its path. */
async function screenshot(page, name) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

module.exports = { unavailableReason, launchChromium, openChat, say, heard, screenshot };
