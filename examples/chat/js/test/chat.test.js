"use strict";

// The chat example end to end: the chat server jar (PORT=0) serving the page and the official client built from npm,
// and two or three official JavaScript clients chatting through the /chat hub.
// The server-process and waiting helpers are shared with the interop suite (Node built-ins only).

const path = require("node:path");
const { after, before, describe, it } = require("node:test");
const assert = require("node:assert/strict");
const signalR = require("@microsoft/signalr");
const { startJavaServer } = require("../../../interop/js/lib/server-process");
const { inbox, uniqueName, withTimeout } = require("../../../interop/js/lib/waiting");
const { accepts, freePort } = require("../../../interop/js/lib/ports");

const DEFAULT_JAR = path.resolve(__dirname, "..", "..", "target", "switchboard-chat.jar");

let server;
before(async () => {
  server = await startJavaServer({ jar: process.env.CHAT_JAR || DEFAULT_JAR, env: { PORT: "0" } });
}, { timeout: 60_000 });
after(() => server?.stop());

/** A started chat client named `user`, with inboxes for every client method the chat hub calls. */
async function chatter(t, user) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(`${server.url}/chat`)
    .configureLogging(signalR.LogLevel.None)
    .build();
  t.after(() => connection.stop());
  const client = {
    user,
    connection,
    messages: inbox(connection, "ReceiveMessage"),
    roomMessages: inbox(connection, "ReceiveRoomMessage"),
    joined: inbox(connection, "UserJoined"),
    left: inbox(connection, "UserLeft"),
  };
  await withTimeout(connection.start(), `start of ${user}`);
  return client;
}

describe("chat server", () => {
  it("serves the page and the official client", async () => {
    const page = await fetch(`${server.url}/`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<script src="lib\/signalr\.min\.js"><\/script>/);
    assert.match(html, /<script src="chat\.js"><\/script>/);

    const client = await fetch(`${server.url}/lib/signalr.min.js`);
    assert.equal(client.status, 200);
    assert.match(await client.text(), /HubConnectionBuilder/);

    const script = await fetch(`${server.url}/chat.js`);
    assert.equal(script.status, 200);
    assert.match(await script.text(), /withUrl\("\/chat"\)/);
  });

  it("GET /health answers Healthy", async () => {
    const response = await fetch(`${server.url}/health`);

    assert.equal(response.status, 200);
    assert.equal(await response.text(), "Healthy");
  });
});

describe("the address", () => {
  it("is the one HOST and PORT name (127.0.0.2 is another loopback address on Linux)", async () => {
    const port = await freePort();
    const other = await startJavaServer({
      jar: process.env.CHAT_JAR || DEFAULT_JAR, env: { HOST: "127.0.0.2", PORT: String(port) },
    });
    try {
      assert.equal(other.url, `http://127.0.0.2:${port}`);
      assert.equal((await fetch(`${other.url}/health`)).status, 200);
      assert.equal(await accepts(port), false, "127.0.0.1 answered: HOST was not used");
    } finally {
      await other.stop();
    }
  });
});

describe("two clients chatting", () => {
  it("a message sent by one reaches the other, and the sender", async (t) => {
    const [alice, bob] = await Promise.all([chatter(t, "alice"), chatter(t, "bob")]);
    const text = uniqueName("hello bob");

    await alice.connection.invoke("Send", alice.user, text);

    await bob.messages.expect("alice", text);
    await alice.messages.expect("alice", text);
  });

  it("room messages reach the room's members only", async (t) => {
    const [alice, bob, carol] = await Promise.all([chatter(t, "alice"), chatter(t, "bob"), chatter(t, "carol")]);
    const room = uniqueName("room");
    await alice.connection.invoke("JoinRoom", "alice", room);
    await bob.connection.invoke("JoinRoom", "bob", room);

    await alice.connection.invoke("SendToRoom", "alice", room, "members only");
    await bob.roomMessages.expect("alice", room, "members only");
    await alice.roomMessages.expect("alice", room, "members only");

    // Carol receives the next message to everyone; the room message, sent before it, must not have reached her.
    const after = uniqueName("for everyone");
    await alice.connection.invoke("Send", "alice", after);
    await carol.messages.expect("alice", after);
    assert.deepEqual(carol.roomMessages.calls, []);
  });

  it("joining and leaving are announced to the room, and a member who left gets no more room messages", async (t) => {
    const [alice, bob] = await Promise.all([chatter(t, "alice"), chatter(t, "bob")]);
    const room = uniqueName("room");
    await alice.connection.invoke("JoinRoom", "alice", room);
    await alice.joined.expect("alice", room);

    await bob.connection.invoke("JoinRoom", "bob", room);
    await alice.joined.expect("bob", room);

    await bob.connection.invoke("LeaveRoom", "bob", room);
    await alice.left.expect("bob", room);

    await alice.connection.invoke("SendToRoom", "alice", room, "bob has left");
    await alice.roomMessages.expect("alice", room, "bob has left");
    const after = uniqueName("for everyone");
    await alice.connection.invoke("Send", "alice", after);
    await bob.messages.expect("alice", after);
    assert.deepEqual(bob.roomMessages.calls, []);
  });
});
