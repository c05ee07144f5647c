package io.switchboard.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.auth.AuthenticationOutcome;
import io.switchboard.auth.Authorize;
import io.switchboard.auth.BearerTokenAuthenticator;
import io.switchboard.connection.ConnectionHandler;
import io.switchboard.hub.Hub;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
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

  /** An empty refusal; a 401 challenges as JwtBearer does, here for a request without a token. */
  private static void assertRefused(int status, HttpResponse<String> response) {
    assertEquals(status, response.statusCode());
    assertEquals("", response.body());
    assertEquals(
        status == 401 ? List.of("Bearer") : List.of(), response.headers().allValues("WWW-Authenticate"));
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
      assertEquals("Bearer", upgrade.headers().get("WWW-Authenticate"));
    }
    assertTrue(echo.connected.isEmpty(), "nothing was created or attached");

    HttpResponse<String> poll = http.send("GET", "/secure" + id, "", "Authorization", "Bearer good");
    assertEquals(200, poll.statusCode(), "the connection is intact");
  }

  @Test
  void anAuthorizedHubChallengesAnInvalidTokenAsJwtBearerDoes() throws Exception {
    try (SwitchboardServer hubServer =
        SwitchboardServer.builder()
            .host("127.0.0.1")
            .port(0)
            .hub("/hub", SecuredHub.class, hub -> hub.authenticator(new BearerTokenAuthenticator(token -> Optional.empty())))
            .start()) {
      Http hubHttp = new Http(hubServer.port());
      HttpResponse<String> without = hubHttp.send("POST", "/hub/negotiate?negotiateVersion=1");
      assertEquals(401, without.statusCode());
      assertEquals(List.of("Bearer"), without.headers().allValues("WWW-Authenticate"));
      HttpResponse<String> invalid =
          hubHttp.send("POST", "/hub/negotiate?negotiateVersion=1", "", "Authorization", "Bearer expired");
      assertEquals(401, invalid.statusCode());
      assertEquals(List.of("Bearer error=\"invalid_token\""), invalid.headers().allValues("WWW-Authenticate"));
      HttpResponse<String> inQuery = hubHttp.send("GET", "/hub?id=x&access_token=expired");
      assertEquals(List.of("Bearer error=\"invalid_token\""), inQuery.headers().allValues("WWW-Authenticate"));
    }
  }

  /** A hub only authenticated users may connect to. */
  @Authorize
  public static class SecuredHub extends Hub {}

  @Test
  void aWebSocketMayCarryTheTokenInTheQuery() throws Exception {
    WsClient client = http.webSocket("/secure?access_token=good");
    client.sendText("hi");
    assertEquals("hi", client.awaitText());
  }
}
