"use strict";

// /authorizedhub with the JWTs of /generateJwtToken: upstream HubConnectionTests.ts block B ("can connect to hub with
// authorization", "... using async token factory", "can get error from unauthorized hub connection") per transport,
// plus user ids (GetUserIdentifier) and user targeting (SendToUser).

const { describe, it } = require("node:test");
const assert = require("node:assert/strict");
const { useInteropServer } = require("../lib/interop-server");
const {
  LONG_POLLING, SERVER_SENT_EVENTS, TRANSPORTS, WEBSOCKETS, createHub, getJwtToken, inbox, nextClose, startHub,
  uniqueName, withTimeout,
} = require("../lib/signalr");

const server = useInteropServer();
const authorizedHub = () => `${server.url}/authorizedhub`;

/** The claims of a JWT (its middle part), without checking the signature. */
function claims(jwt) {
  return JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString("utf8"));
}

describe("/generateJwtToken", () => {
  it("mints an HS256 JWT for testuser that expires within 5 s", async () => {
    const jwt = await getJwtToken(server.url);
    const [header] = jwt.split(".");

    assert.equal(jwt.split(".").length, 3);
    assert.equal(JSON.parse(Buffer.from(header, "base64url").toString("utf8")).alg, "HS256");
    assert.equal(claims(jwt).nameid, "testuser");
    const expiresInMs = claims(jwt).exp * 1000 - Date.now();
    assert.ok(expiresInMs <= 6_000, `the token expires in ${expiresInMs} ms`);
  });

  it("mints a JWT for the user named in the path", async () => {
    const name = uniqueName("user");

    assert.equal(claims(await getJwtToken(server.url, name)).nameid, name);
  });
});

for (const transport of TRANSPORTS) {
  describe(`over ${transport.name} transport`, () => {
    const options = { transport: transport.type };

    it("can connect to hub with authorization", async (t) => {
      const jwt = await getJwtToken(server.url);
      const connection = await startHub(t, authorizedHub(), { ...options, accessTokenFactory: () => jwt });
      const closed = nextClose(connection);
      const message = "你好，世界！";

      assert.equal(await connection.invoke("Echo", message), message);

      await connection.stop();
      assert.equal(await withTimeout(closed, "onclose"), undefined);
    });

    it("can connect to hub with authorization using async token factory", async (t) => {
      const connection = await startHub(t, authorizedHub(), {
        ...options,
        accessTokenFactory: () => getJwtToken(server.url),
      });
      const closed = nextClose(connection);
      const message = "你好，世界！";

      assert.equal(await connection.invoke("Echo", message), message);

      await connection.stop();
      assert.equal(await withTimeout(closed, "onclose"), undefined);
    });

    it("can get error from unauthorized hub connection", async (t) => {
      const connection = createHub(t, authorizedHub(), options);

      await assert.rejects(withTimeout(connection.start(), "start"), {
        message: "Failed to complete negotiation with the server: Error: Unauthorized: Status code '401'",
      });
    });

    it("the hub sees the token's user as the caller's user id", async (t) => {
      const name = uniqueName("user");
      const connection = await startHub(t, authorizedHub(), {
        ...options,
        accessTokenFactory: () => getJwtToken(server.url, name),
      });

      assert.equal(await connection.invoke("GetUserIdentifier"), name);
    });
  });
}

describe("user targeting", () => {
  /** A started /authorizedhub connection of user `name` over `transport`, recording its UserMessage calls. */
  async function userConnection(t, name, transport) {
    const connection = createHub(t, authorizedHub(), {
      transport: transport.type,
      accessTokenFactory: () => getJwtToken(server.url, name),
    });
    const messages = inbox(connection, "UserMessage");
    await withTimeout(connection.start(), `start for ${name}`);
    return { connection, messages };
  }

  it("SendToUser reaches every connection of that user and no other", async (t) => {
    const alice = uniqueName("alice");
    const bob = uniqueName("bob");
    const [alice1, alice2, bob1] = await Promise.all([
      userConnection(t, alice, WEBSOCKETS),
      userConnection(t, alice, LONG_POLLING),
      userConnection(t, bob, SERVER_SENT_EVENTS),
    ]);

    await bob1.connection.invoke("SendToUser", alice, "for alice");
    await alice1.messages.expect("for alice");
    await alice2.messages.expect("for alice");

    await alice1.connection.invoke("SendToUser", bob, "for bob");
    await bob1.messages.expect("for bob");
    assert.deepEqual(bob1.messages.calls, [["for bob"]]);

    await bob1.connection.invoke("SendToUser", alice, "again for alice");
    await alice1.messages.expect("again for alice");
    await alice2.messages.expect("again for alice");
    assert.deepEqual(alice1.messages.calls, [["for alice"], ["again for alice"]]);
    assert.deepEqual(alice2.messages.calls, [["for alice"], ["again for alice"]]);
  });
});
