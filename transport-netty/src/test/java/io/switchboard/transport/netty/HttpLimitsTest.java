package io.switchboard.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The HTTP limits of {@link NettyTransportOptions} over real sockets. Timeouts are made short so
 * that the tests can wait for the close; none asserts how long anything took. A timeout that an
 * honest request of the test could also meet (a stalled test thread) is a second long; only the
 * ones that no request of their test can meet are shorter.
 */
@Timeout(60)
class HttpLimitsTest {
  private static final Duration SHORT = Duration.ofSeconds(1);
  private static final Duration SHORTEST = Duration.ofMillis(200);
  private static final Duration LONG = Duration.ofMinutes(10);

  private final EchoHandler echo = new EchoHandler();
  private SwitchboardServer server;
  private Http http;

  private void start(Consumer<NettyTransportOptions.Builder> limits) {
    server =
        SwitchboardServer.builder()
            .host("127.0.0.1")
            .port(0)
            .endpoint("/echo", echo)
            .httpHandler(HelloHandler::new)
            .transportOptions(limits)
            .start();
    http = new Http(server.port());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theDefaultsAreKestrels() {
    NettyTransportOptions defaults = NettyTransportOptions.defaults();
    assertEquals(8192, defaults.maxRequestLineSize());
    assertEquals(32768, defaults.maxRequestHeadersSize());
    assertEquals(100, defaults.maxRequestHeaderCount());
    assertEquals(Duration.ofSeconds(30), defaults.requestHeadersTimeout());
    assertEquals(Duration.ofSeconds(130), defaults.keepAliveTimeout());
    assertEquals(0, defaults.maxConcurrentConnections());
    assertEquals(0, defaults.maxConcurrentUpgradedConnections());
  }

  @Test
  void aSilentConnectionIsClosedAfterTheKeepAliveTimeout() throws Exception {
    start(limits -> limits.keepAliveTimeout(SHORTEST).requestHeadersTimeout(LONG));
    try (RawHttp raw = new RawHttp(server.port())) {
      assertTrue(raw.awaitClosedByServer());
    }
  }

  @Test
  void aConnectionIdleAfterAResponseIsClosedAfterTheKeepAliveTimeout() throws Exception {
    start(limits -> limits.keepAliveTimeout(SHORT).requestHeadersTimeout(LONG));
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
      assertEquals(200, raw.read().status());
      assertTrue(raw.awaitClosedByServer());
    }
  }

  @Test
  void aSlowRequestHeadIsAnswered408AndClosed() throws Exception {
    start(limits -> limits.keepAliveTimeout(LONG).requestHeadersTimeout(SHORTEST));
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send("GET /hello HTTP/1.1\r\nHo");
      RawHttp.Response response = raw.read();
      assertEquals(408, response.status());
      assertEquals("close", response.headers().get("connection"));
      assertTrue(raw.awaitClosedByServer());
    }
  }

  @Test
  void aRequestBodySlowerThanTheLeastRateIsAnswered408AndClosed() throws Exception {
    start(limits -> limits.requestHeadersTimeout(LONG).minRequestBodyDataRate(240, SHORTEST));
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send("POST /echo?id=x HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(10));
      RawHttp.Response response = raw.read();
      assertEquals(408, response.status());
      assertTrue(raw.awaitClosedByServer());
    }
  }

  @Test
  void openStreamsOutliveBothTimeouts() throws Exception {
    start(limits -> limits.keepAliveTimeout(SHORT).requestHeadersTimeout(SHORT));
    WsClient webSocket = http.webSocket("/echo?id=" + http.token("/echo"));
    String sseToken = http.token("/echo");
    InputStream events =
        http.client
            .sendAsync(
                http.request("GET", "/echo?id=" + sseToken, "", "Accept", "text/event-stream"),
                HttpResponse.BodyHandlers.ofInputStream())
            .get(Await.SECONDS, TimeUnit.SECONDS)
            .body();
    assertEquals(":\r\n", new String(events.readNBytes(3), StandardCharsets.UTF_8));
    String pollToken = http.token("/echo");
    assertEquals(200, http.send("GET", "/echo?id=" + pollToken).statusCode()); // the first poll
    CompletableFuture<HttpResponse<String>> poll = http.sendAsync("GET", "/echo?id=" + pollToken, "");
    // A connection opened after all three is closed by the timeout: they have waited longer.
    try (RawHttp idle = new RawHttp(server.port())) {
      assertTrue(idle.awaitClosedByServer());
    }
    webSocket.sendText("ws");
    assertEquals("ws", webSocket.awaitText());
    Http fresh = new Http(server.port()); // the first client's idle pooled connections are gone
    assertEquals(200, fresh.send("POST", "/echo?id=" + sseToken, "sse").statusCode());
    assertEquals("data: sse\r\n\r\n", new String(events.readNBytes(13), StandardCharsets.UTF_8));
    assertEquals(200, fresh.send("POST", "/echo?id=" + pollToken, "poll").statusCode());
    assertEquals("poll", poll.get(Await.SECONDS, TimeUnit.SECONDS).body());
  }

  @Test
  void aConnectionOverTheCapIsClosedAtOnce() throws Exception {
    start(limits -> limits.maxConcurrentConnections(1));
    try (RawHttp first = new RawHttp(server.port())) {
      first.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
      assertEquals(200, first.read().status());
      try (RawHttp second = new RawHttp(server.port())) {
        assertTrue(second.awaitClosedByServer());
      }
      first.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
      assertEquals(200, first.read().status(), "the connection within the cap is unharmed");
    }
    assertTrue(servedOnANewConnection(), "a slot is free again once the first connection closed");
  }

  /** Tries new connections until one is served (the server sees a close a moment later). */
  private boolean servedOnANewConnection() throws IOException {
    for (int attempt = 0; attempt < 1000; attempt++) {
      try (RawHttp raw = new RawHttp(server.port())) {
        raw.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
        if (raw.read().status() == 200) {
          return true;
        }
      } catch (IOException refused) {
        Thread.onSpinWait();
      }
    }
    return false;
  }

  @Test
  void aWebSocketLeavesTheConnectionCapForTheUpgradedCap() throws Exception {
    start(limits -> limits.maxConcurrentConnections(1).maxConcurrentUpgradedConnections(1));
    WsClient webSocket = http.webSocket("/echo");
    webSocket.sendText("one");
    assertEquals("one", webSocket.awaitText());
    try (RawHttp raw = new RawHttp(server.port())) {
      RawHttp.Response refused = raw.upgrade("/echo");
      assertEquals(500, refused.status(), "a second WebSocket is over the upgraded cap");
    }
    assertTrue(servedOnANewConnection(), "HTTP connections are still served");
    webSocket.sendText("two");
    assertEquals("two", webSocket.awaitText());
  }

  @Test
  void aDeclaredNonMessageBodyOverItsBoundIsAnswered413() throws Exception {
    start(limits -> limits.maxNonMessageBodySize(1024));
    String body = "x".repeat(2048);
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(
          "POST /echo/negotiate HTTP/1.1\r\nHost: x\r\nContent-Length: 2048\r\nConnection: close\r\n\r\n"
              + body);
      assertEquals(413, raw.read().status());
    }
    assertEquals(413, http.send("DELETE", "/echo?id=x", body).statusCode());
    assertEquals(404, http.send("POST", "/echo?id=x", body).statusCode(), "a POST carries messages");
    assertEquals(200, http.send("POST", "/echo/negotiate?negotiateVersion=1", "x".repeat(1024)).statusCode());
  }

  @Test
  void aChunkedNonMessageBodyOverItsBoundIsAnswered413() throws Exception {
    start(limits -> limits.maxNonMessageBodySize(1024));
    try (RawHttp raw = new RawHttp(server.port())) {
      String chunk = "x".repeat(2048);
      raw.send(
          "POST /echo/negotiate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n"
              + chunk
              + "\r\n0\r\n\r\n");
      assertEquals(413, raw.read().status());
      assertTrue(raw.awaitClosedByServer());
    }
  }
}
