package io.switchboard.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Requests that fail to parse or decode, over real sockets: each gets the reference's status
 * (Kestrel's for HTTP errors), the connection is then closed, and other clients are unharmed.
 */
@Timeout(60)
class MalformedHttpTest {
  private final EchoHandler echo = new EchoHandler();
  private SwitchboardServer server;
  private Http http;

  @BeforeEach
  void start() {
    server =
        SwitchboardServer.builder()
            .host("127.0.0.1")
            .port(0)
            .endpoint("/echo", echo)
            .httpHandler(HelloHandler::new)
            .start();
    http = new Http(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private RawHttp.Response answerOnce(String request) throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(request);
      RawHttp.Response response = raw.read();
      assertTrue(raw.awaitClosedByServer(), "the connection is closed after the answer");
      return response;
    }
  }

  private void assertOthersServed() throws Exception {
    WsClient client = http.webSocket("/echo?id=" + http.token("/echo"));
    client.sendText("still here");
    assertEquals("still here", client.awaitText());
    assertEquals(200, http.send("GET", "/hello").statusCode());
  }

  @Test
  void aBadEscapeInThePathIsAnswered400() throws Exception {
    String body = "x".repeat(1_000_000);
    RawHttp.Response response =
        answerOnce(
            "POST /echo%zz/negotiate HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + body.length()
                + "\r\n\r\n"
                + body);
    assertEquals(400, response.status());
    assertEquals("HTTP/1.1", response.version());
    assertOthersServed();
  }

  @Test
  void aBadEscapeInTheQueryIsAnswered400() throws Exception {
    assertEquals(400, answerOnce("GET /echo?id=%zz HTTP/1.1\r\nHost: x\r\n\r\n").status());
    assertEquals(400, answerOnce("POST /echo/negotiate?a=%e HTTP/1.1\r\nHost: x\r\n\r\n").status());
    assertOthersServed();
  }

  @Test
  void aRequestLineOverKestrelsLimitIsAnswered414() throws Exception {
    RawHttp.Response response =
        answerOnce("GET /echo?id=" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    assertEquals(414, response.status());
    assertEquals("HTTP/1.1", response.version());
    assertOthersServed();
  }

  @Test
  void aUriUnderKestrelsLimitIsServed() throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send("GET /echo?id=" + "a".repeat(6000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
      RawHttp.Response response = raw.read();
      assertEquals(404, response.status());
      assertEquals("No Connection with that ID", response.body());
    }
  }

  @Test
  void headersOverKestrelsLimitAreAnswered431EvenOnApplicationRoutes() throws Exception {
    RawHttp.Response response =
        answerOnce("GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(40_000) + "\r\n\r\n");
    assertEquals(431, response.status());
    assertEquals("", response.body());
    assertOthersServed();
  }

  @Test
  void moreHeadersThanKestrelsCountAreAnswered431() throws Exception {
    StringBuilder headers = new StringBuilder();
    for (int i = 0; i < 101; i++) {
      headers.append("X-H").append(i).append(": v\r\n");
    }
    assertEquals(431, answerOnce("GET /hello HTTP/1.1\r\n" + headers + "\r\n").status());
    assertEquals(200, http.send("GET", "/hello", "", "X-A", "1", "X-B", "2").statusCode());
  }

  @Test
  void headersUnderKestrelsLimitAreServed() throws Exception {
    assertEquals(
        200,
        http.send("GET", "/hello", "", "X-Big", "b".repeat(20_000)).statusCode());
  }

  @Test
  void aFrameInTheSameWriteAsTheUpgradeIsReceived() throws Exception {
    String token = http.token("/echo");
    try (RawHttp raw = new RawHttp(server.port())) {
      ByteArrayOutputStream both = new ByteArrayOutputStream();
      both.writeBytes(RawHttp.upgradeRequest("/echo?id=" + token).getBytes(StandardCharsets.US_ASCII));
      both.writeBytes(RawHttp.maskedText("first"));
      raw.send(both.toByteArray());
      assertEquals(101, raw.read().status());
      assertEquals("first", raw.readText());
      raw.sendMaskedText("second");
      assertEquals("second", raw.readText());
    }
  }

  @Test
  void anUpgradeTheHandshakeRefusesIsAnsweredAndClosed() throws Exception {
    RawHttp.Response response =
        answerOnce(
            "GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n");
    assertEquals(400, response.status());
    assertOthersServed();
  }

  @Test
  void aServerSentEventsStreamEndedByTheServerLeavesTheConnectionUsable() throws Exception {
    String token = http.token("/echo");
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send("GET /echo?id=" + token + " HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n");
      RawHttp.Response head = raw.read();
      assertEquals(200, head.status());
      raw.readUntil(":\r\n");
      http.send("POST", "/echo?id=" + token, "close"); // answered 200, or 404 if the close wins
      assertTrue(raw.readUntil("\r\n0\r\n\r\n").contains("data: bye"));
      raw.send("POST /echo/negotiate?negotiateVersion=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
      RawHttp.Response next = raw.read();
      assertEquals(200, next.status());
      assertTrue(next.body().contains("connectionToken"));
    }
  }
}
