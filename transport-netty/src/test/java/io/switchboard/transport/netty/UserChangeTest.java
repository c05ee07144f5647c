package io.switchboard.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.auth.AuthenticatedUser;
import io.switchboard.auth.AuthenticationOutcome;
import io.switchboard.connection.Connection;
import io.switchboard.connection.ConnectionHandler;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A connection belongs to the user who negotiated it: a transport request or POST send carrying
 * another user's credential gets 403 with an empty body, and the connection stays intact.
 */
@Timeout(30)
class UserChangeTest {
  private final EchoHandler echo = new EchoHandler();
  private SwitchboardServer server;
  private Http http;

  /** {@code access_token=NAME} authenticates user NAME; no token is anonymous. */
  private final ConnectionHandler byName =
      echo.authenticatedBy(
          request -> {
            String name = request.queryParameter("access_token");
            return name == null
                ? AuthenticationOutcome.ANONYMOUS
                : new AuthenticationOutcome(200, new AuthenticatedUser(name, Map.of(), null));
          });

  @BeforeEach
  void start() {
    server = SwitchboardServer.builder().host("127.0.0.1").port(0).endpoint("/users", byName).start();
    http = new Http(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String negotiateAs(String name) throws Exception {
    return http.negotiate("/users", "?negotiateVersion=1&access_token=" + name)
        .get("connectionToken")
        .textValue();
  }

  private static void assertForbidden(HttpResponse<String> response) {
    assertEquals(403, response.statusCode());
    assertEquals("", response.body());
  }

  @Test
  void aWebSocketOfAnotherUserIsRefused() throws Exception {
    String token = negotiateAs("alice");
    try (RawHttp raw = new RawHttp(server.port())) {
      RawHttp.Response upgrade = raw.upgrade("/users?id=" + token + "&access_token=bob");
      assertEquals(403, upgrade.status());
      assertEquals("", upgrade.body());
    }
    try (RawHttp raw = new RawHttp(server.port())) {
      assertEquals(403, raw.upgrade("/users?id=" + token).status(), "anonymous is another user too");
    }
    assertTrue(echo.connected.isEmpty(), "nothing was attached");
    WsClient alice = http.webSocket("/users?id=" + token + "&access_token=alice");
    alice.sendText("hi");
    assertEquals("hi", alice.awaitText(), "the owner still gets the connection");
    assertEquals("alice", echo.awaitConnection().user().nameIdentifier());
  }

  @Test
  void aServerSentEventsRequestOfAnotherUserIsRefused() throws Exception {
    String id = "?id=" + negotiateAs("alice");
    assertForbidden(http.send("GET", "/users" + id + "&access_token=bob", "", "Accept", "text/event-stream"));
    assertTrue(echo.connected.isEmpty(), "nothing was attached");
  }

  @Test
  void everyLongPollAndSendOfAnotherUserIsRefused() throws Exception {
    String id = "?id=" + negotiateAs("alice");
    assertForbidden(http.send("GET", "/users" + id + "&access_token=bob"));
    assertEquals(200, http.send("GET", "/users" + id + "&access_token=alice").statusCode());
    Connection connection = echo.awaitConnection();

    assertForbidden(http.send("POST", "/users" + id + "&access_token=bob", "stolen"));
    assertForbidden(http.send("GET", "/users" + id + "&access_token=bob"));
    assertForbidden(http.send("DELETE", "/users" + id + "&access_token=bob"));

    assertEquals(200, http.send("POST", "/users" + id + "&access_token=alice", "mine").statusCode());
    HttpResponse<String> poll = http.send("GET", "/users" + id + "&access_token=alice");
    assertEquals("mine", poll.body(), "only the owner's send arrived; the connection is intact");
    assertEquals("alice", connection.user().nameIdentifier());
  }
}
