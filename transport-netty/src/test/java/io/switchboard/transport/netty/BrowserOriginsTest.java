package io.switchboard.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchboard.auth.BrowserOrigins;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CORS and the WebSocket origin allow-list on the hub endpoints, off by default: the answers a
 * browser sees, asserted on the wire.
 */
@Timeout(30)
class BrowserOriginsTest {
  private static final String APP = "http://app.example";
  private static final String EVIL = "http://evil.example";

  private final EchoHandler echo = new EchoHandler();
  private SwitchboardServer server;
  private Http http;

  private void start(BrowserOrigins origins) {
    server =
        SwitchboardServer.builder()
            .host("127.0.0.1")
            .port(0)
            .endpoint("/echo", echo)
            .browserOrigins(origins)
            .start();
    http = new Http(server.port());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void startForApp() {
    start(
        BrowserOrigins.builder()
            .corsOrigin(APP)
            .allowCredentials(true)
            .webSocketOrigin(APP)
            .build());
  }

  private HttpResponse<String> preflight(String origin) throws Exception {
    return http.send(
        "OPTIONS",
        "/echo/negotiate?negotiateVersion=1",
        "",
        "Origin",
        origin,
        "Access-Control-Request-Method",
        "POST",
        "Access-Control-Request-Headers",
        "x-requested-with,x-signalr-user-agent");
  }

  private static Optional<String> header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name);
  }

  private static void assertNoCors(HttpHeaders headers) {
    assertFalse(headers.firstValue("Access-Control-Allow-Origin").isPresent(), headers.toString());
    assertFalse(headers.firstValue("Access-Control-Allow-Credentials").isPresent(), headers.toString());
  }

  private int upgradeFrom(String origin) throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      return raw.upgrade("/echo", origin == null ? "" : "Origin: " + origin + "\r\n").status();
    }
  }

  @Test
  void offByDefaultAPreflightIsAnUnknownMethodAndAnyOriginMayOpenAWebSocket() throws Exception {
    start(BrowserOrigins.unchecked());
    HttpResponse<String> preflight = preflight(APP);
    assertEquals(405, preflight.statusCode());
    assertNoCors(preflight.headers());
    HttpResponse<String> negotiate =
        http.send("POST", "/echo/negotiate?negotiateVersion=1", "", "Origin", APP);
    assertEquals(200, negotiate.statusCode());
    assertNoCors(negotiate.headers());
    assertEquals(101, upgradeFrom(EVIL));
  }

  @Test
  void aPreflightOfAnAllowedOriginAllowsWhatItAsksWithCredentials() throws Exception {
    startForApp();
    HttpResponse<String> preflight = preflight(APP);
    assertEquals(204, preflight.statusCode());
    assertEquals(Optional.of(APP), header(preflight, "Access-Control-Allow-Origin"));
    assertEquals(Optional.of("true"), header(preflight, "Access-Control-Allow-Credentials"));
    assertEquals(Optional.of("POST"), header(preflight, "Access-Control-Allow-Methods"));
    assertEquals(
        Optional.of("x-requested-with,x-signalr-user-agent"),
        header(preflight, "Access-Control-Allow-Headers"));
    assertEquals(Optional.of("origin"), header(preflight, "Vary").map(String::toLowerCase));
    assertEquals("", preflight.body());
  }

  @Test
  void aPreflightOfAnotherOriginIsAnsweredWithoutCorsHeaders() throws Exception {
    startForApp();
    HttpResponse<String> preflight = preflight(EVIL);
    assertEquals(204, preflight.statusCode());
    assertNoCors(preflight.headers());
    assertFalse(header(preflight, "Access-Control-Allow-Methods").isPresent());
  }

  @Test
  void theAnswersOfEveryRequestOfAnAllowedOriginCarryTheCorsHeaders() throws Exception {
    startForApp();
    HttpResponse<String> negotiate =
        http.send("POST", "/echo/negotiate?negotiateVersion=1", "", "Origin", APP);
    assertEquals(200, negotiate.statusCode());
    assertEquals(Optional.of(APP), header(negotiate, "Access-Control-Allow-Origin"));
    assertEquals(Optional.of("true"), header(negotiate, "Access-Control-Allow-Credentials"));
    assertEquals(Optional.of("origin"), header(negotiate, "Vary").map(String::toLowerCase));

    String id = "?id=" + http.token("/echo");
    HttpResponse<String> firstPoll = http.send("GET", "/echo" + id, "", "Origin", APP);
    assertEquals(Optional.of(APP), header(firstPoll, "Access-Control-Allow-Origin"));
    var poll = http.sendAsync("GET", "/echo" + id, "", "Origin", APP);
    HttpResponse<String> send = http.send("POST", "/echo" + id, "hi", "Origin", APP);
    assertEquals(Optional.of(APP), header(send, "Access-Control-Allow-Origin"));
    HttpResponse<String> answered = poll.get(Await.SECONDS, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals("hi", answered.body());
    assertEquals(Optional.of(APP), header(answered, "Access-Control-Allow-Origin"), "a poll answered later");

    HttpResponse<String> otherOrigin =
        http.send("POST", "/echo/negotiate?negotiateVersion=1", "", "Origin", EVIL);
    assertEquals(200, otherOrigin.statusCode(), "CORS leaves the request to the browser");
    assertNoCors(otherOrigin.headers());
  }

  @Test
  void aWebSocketUpgradeFromAnotherOriginIsRefused() throws Exception {
    startForApp();
    try (RawHttp raw = new RawHttp(server.port())) {
      RawHttp.Response refused = raw.upgrade("/echo", "Origin: " + EVIL + "\r\n");
      assertEquals(403, refused.status());
      assertEquals("", refused.body());
    }
    assertEquals(101, upgradeFrom(APP));
    assertEquals(101, upgradeFrom(null), "a client without Origin is no browser page");
  }

  @Test
  void credentialsWithAnyOriginAreRefusedAsTheCorsProtocolForbidsThem() {
    BrowserOrigins.Builder any = BrowserOrigins.builder().corsOrigin("*").allowCredentials(true);
    assertThrows(IllegalStateException.class, any::build);
  }
}
