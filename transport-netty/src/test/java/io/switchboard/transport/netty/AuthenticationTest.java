package io.switchboard.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.auth.AuthenticationOutcome;
import io.switchboard.connection.ConnectionHandler;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Negotiate and every transport request are authenticated; refusals have empty bodies. */
@Timeout(30)
class AuthenticationTest {
  private final EchoHandler echo = new EchoHandler();
  private SwitchboardServer server;
  private Http http;

  /** Lets through {@code Authorization: Bearer good} or {@code access_token=good}. */
  private final ConnectionHandler secured =
      echo.authenticatedBy(
          request -> {
            String header = request.header("Authorization");
            String token = header != null ? header.replaceFirst("^Bearer ", "") : request.queryParameter("access_token");
            if (token == null) {
              return new AuthenticationOutcome(401, null);
            }
            return token.equals("good") ? AuthenticationOutcome.ANONYMOUS : new AuthenticationOutcome(403, null);
          });

  @BeforeEach
  void start() {
    server = SwitchboardServer.builder().host("127.0.0.1").port(0).endpoint("/secure", secured).start();
    http = new Http(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static void assertRefused(int status, HttpResponse<String> response) {
    assertEquals(status, response.statusCode());
    assertEquals("", response.body());
  }

  private String token() throws Exception {
    return http.negotiate("/secure", "?negotiateVersion=1&access_token=good").get("connectionToken").textValue();
  }

  @Test
  void negotiateNeedsCredentials() throws Exception {
    assertRefused(401, http.send("POST", "/secure/negotiate?negotiateVersion=1"));
    assertRefused(
        403, http.send("POST", "/secure/negotiate?negotiateVersion=1", "", "Authorization", "Bearer bad"));
    HttpResponse<String> allowed =
        http.send("POST", "/secure/negotiate?negotiateVersion=1", "", "Authorization", "Bearer good");
    assertEquals(200, allowed.statusCode());
  }

  @Test
  void everyTransportRequestNeedsCredentials() throws Exception {
    String id = "?id=" + token();
    assertRefused(401, http.send("GET", "/secure" + id, "", "Accept", "text/event-stream"));
    assertRefused(401, http.send("GET", "/secure" + id));
    assertRefused(401, http.send("POST", "/secure" + id, "data"));
    assertRefused(401, http.send("DELETE", "/secure" + id));
    assertRefused(403, http.send("GET", "/secure" + id + "&access_token=bad"));
    try (RawHttp raw = new RawHttp(server.port())) {
      RawHttp.Response upgrade = raw.upgrade("/secure");
      assertEquals(401, upgrade.status());
      assertEquals("", upgrade.body());
    }
    assertTrue(echo.connected.isEmpty(), "nothing was created or attached");

    HttpResponse<String> poll = http.send("GET", "/secure" + id, "", "Authorization", "Bearer good");
    assertEquals(200, poll.statusCode(), "the connection is intact");
  }

  @Test
  void aWebSocketMayCarryTheTokenInTheQuery() throws Exception {
    WsClient client = http.webSocket("/secure?access_token=good");
    client.sendText("hi");
    assertEquals("hi", client.awaitText());
  }
}
