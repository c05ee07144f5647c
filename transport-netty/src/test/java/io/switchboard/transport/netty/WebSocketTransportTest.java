package io.switchboard.transport.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.connection.Connection;
import io.switchboard.connection.EndpointOptions;
import io.switchboard.connection.HttpRequestInfo;
import io.switchboard.connection.TransportType;
import io.switchboard.protocol.TransferFormat;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebSocketTransportTest {
  private final EchoHandler echo = new EchoHandler();
  private final EchoHandler binaryEcho = new EchoHandler(TransferFormat.BINARY);
  private SwitchboardServer server;
  private Http http;

  @BeforeEach
  void start() {
    server =
        SwitchboardServer.builder()
            .host("127.0.0.1")
            .port(0)
            .endpoint("/echo", echo)
            .endpoint("/binary", binaryEcho)
            .endpoint(
                "/polling-only",
                new EchoHandler(),
                EndpointOptions.builder().transports(Set.of(TransportType.LONG_POLLING)).build())
            .start();
    http = new Http(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void echoesTextAfterNegotiate() throws Exception {
    JsonNode negotiated = http.negotiate("/echo", "?negotiateVersion=1");
    WsClient client =
        http.webSocket("/echo?id=" + negotiated.get("connectionToken").textValue());
    client.sendText("hello");
    assertEquals("hello", client.awaitText());
    Connection connection = echo.awaitConnection();
    assertEquals(negotiated.get("connectionId").textValue(), connection.connectionId());
    assertEquals(TransportType.WEB_SOCKETS, connection.transportType());
  }

  @Test
  void echoesBinaryInBinaryFrames() throws Exception {
    WsClient client = http.webSocket("/binary?id=" + http.token("/binary"));
    byte[] payload = {0, 1, 2, (byte) 0xff, 0x1e};
    client.sendBinary(payload);
    assertArrayEquals(payload, Await.poll(client.binaries));
    client.sendText("as text");
    assertArrayEquals("as text".getBytes(), Await.poll(client.binaries));
  }

  @Test
  void aWebSocketMaySkipNegotiate() throws Exception {
    WsClient client = http.webSocket("/echo");
    client.sendText("direct");
    assertEquals("direct", client.awaitText());
    assertEquals(22, echo.awaitConnection().connectionId().length());
  }

  @Test
  void fragmentsArriveInOrder() throws Exception {
    WsClient client = http.webSocket("/echo");
    client.socket.sendText("ab", false).get(Await.SECONDS, TimeUnit.SECONDS);
    client.socket.sendText("cd", false).get(Await.SECONDS, TimeUnit.SECONDS);
    client.socket.sendText("ef", true).get(Await.SECONDS, TimeUnit.SECONDS);
    StringBuilder echoed = new StringBuilder();
    while (echoed.length() < 6) {
      echoed.append(client.awaitText());
    }
    assertEquals("abcdef", echoed.toString());
  }

  @Test
  void largeMessagesPass() throws Exception {
    WsClient client = http.webSocket("/echo");
    String large = "x".repeat(1 << 20);
    client.sendText(large);
    StringBuilder echoed = new StringBuilder();
    while (echoed.length() < large.length()) {
      echoed.append(client.awaitText());
    }
    assertTrue(large.contentEquals(echoed), "the echo differs");
  }

  @Test
  void theRequestIsVisibleToTheApplication() throws Exception {
    WsClient.connect(
        http.client,
        http.url("ws", "/echo?id=" + http.token("/echo") + "&Room=blue"));
    HttpRequestInfo request = echo.awaitConnection().request();
    assertEquals("GET", request.method());
    assertEquals("/echo", request.path());
    assertEquals("blue", request.queryParameter("room"));
    assertEquals("127.0.0.1", request.remoteAddress());
    assertTrue(request.header("sec-websocket-key") != null);
  }

  @Test
  void cookiesAreParsed() throws Exception {
    WsClient client = new WsClient();
    http.client
        .newWebSocketBuilder()
        .header("Cookie", "session=abc; theme=dark")
        .buildAsync(java.net.URI.create(http.url("ws", "/echo")), client)
        .get(Await.SECONDS, TimeUnit.SECONDS);
    HttpRequestInfo request = echo.awaitConnection().request();
    assertEquals("abc", request.cookie("session"));
    assertEquals("dark", request.cookie("theme"));
  }

  @Test
  void unknownIdsAreNotFound() throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      RawHttp.Response response = raw.upgrade("/echo?id=unknown");
      assertEquals(404, response.status());
      assertEquals("No Connection with that ID", response.body());
    }
  }

  @Test
  void theConnectionIdIsNotAToken() throws Exception {
    String id = http.negotiate("/echo", "?negotiateVersion=1").get("connectionId").textValue();
    try (RawHttp raw = new RawHttp(server.port())) {
      assertEquals(404, raw.upgrade("/echo?id=" + id).status());
    }
  }

  @Test
  void aSecondWebSocketConflicts() throws Exception {
    String token = http.token("/echo");
    http.webSocket("/echo?id=" + token);
    echo.awaitConnection();
    try (RawHttp raw = new RawHttp(server.port())) {
      RawHttp.Response response = raw.upgrade("/echo?id=" + token);
      assertEquals(409, response.status());
      assertEquals("text/plain", response.headers().get("content-type"));
      assertEquals("", response.body());
    }
  }

  @Test
  void disabledWebSocketsAreNotFound() throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      RawHttp.Response response = raw.upgrade("/polling-only");
      assertEquals(404, response.status());
      assertEquals("WebSockets transport not supported by this end point type", response.body());
    }
  }

  @Test
  void httpRequestsOnAWebSocketConnection() throws Exception {
    String token = http.token("/echo");
    http.webSocket("/echo?id=" + token);
    echo.awaitConnection();

    HttpResponse<String> post = http.send("POST", "/echo?id=" + token);
    assertEquals(405, post.statusCode());
    assertEquals("POST requests are not allowed for WebSocket connections.", post.body());
    HttpResponse<String> delete = http.send("DELETE", "/echo?id=" + token);
    assertEquals(400, delete.statusCode());
    assertEquals("Cannot terminate this connection using the DELETE endpoint.", delete.body());
    HttpResponse<String> poll = http.send("GET", "/echo?id=" + token);
    assertEquals(400, poll.statusCode());
    assertEquals("Cannot change transports mid-connection", poll.body());
  }

  @Test
  void idRulesForOtherRequests() throws Exception {
    HttpResponse<String> post = http.send("POST", "/echo");
    assertEquals(400, post.statusCode());
    assertEquals("Connection ID required", post.body());
    assertEquals(404, http.send("DELETE", "/echo?id=nope").statusCode());
    HttpResponse<String> put = http.send("PUT", "/echo?id=nope");
    assertEquals(405, put.statusCode());
    assertEquals("", put.body());
  }

  @Test
  void closeSendsQueuedMessagesThen1000() throws Exception {
    WsClient client = http.webSocket("/echo");
    client.sendText("close");
    assertEquals("bye", client.awaitText());
    assertEquals(1000, Await.poll(client.closeCodes));
    assertEquals(Optional.empty(), echo.awaitClosed());
  }

  @Test
  void aClientCloseEndsTheConnectionCleanly() throws Exception {
    String token = http.token("/echo");
    WsClient client = http.webSocket("/echo?id=" + token);
    echo.awaitConnection();
    client.socket.sendClose(1000, "").get(Await.SECONDS, TimeUnit.SECONDS);
    assertEquals(Optional.empty(), echo.awaitClosed());
    assertEquals(1000, Await.poll(client.closeCodes));
    try (RawHttp raw = new RawHttp(server.port())) {
      assertEquals(404, raw.upgrade("/echo?id=" + token).status(), "the connection is gone");
    }
  }

  @Test
  void abortDropsTheSocketWithoutCloseFrame() throws Exception {
    WsClient client = http.webSocket("/echo");
    client.sendText("abort");
    assertEquals(Optional.empty(), echo.awaitClosed(), "the application's own abort is no error");
    assertEquals(1006, Await.poll(client.closeCodes), "the JDK client reports a drop as 1006");
  }

  @Test
  void aDroppedClientIsReportedAsAnError() throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      assertEquals(101, raw.upgrade("/echo").status());
      echo.awaitConnection();
    }
    Optional<Throwable> error = echo.awaitClosed();
    assertFalse(error.isEmpty());
    assertInstanceOf(IOException.class, error.get());
  }
}
