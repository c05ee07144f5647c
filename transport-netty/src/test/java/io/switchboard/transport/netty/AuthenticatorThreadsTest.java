package io.switchboard.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.util.concurrent.FastThreadLocalThread;
import io.switchboard.auth.AuthenticatedUser;
import io.switchboard.hub.Hub;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A hub's authenticator (user code that may block) runs once per request, never on an event loop,
 * and the hub sees the user the transport authenticated.
 */
@Timeout(30)
class AuthenticatorThreadsTest {
  private static final String RS = "\u001e";

  /** Answers who called. */
  public static class WhoHub extends Hub {
    public String who() {
      return context().userIdentifier();
    }
  }

  private final List<Thread> callers = new CopyOnWriteArrayList<>();
  private SwitchboardServer server;
  private Http http;

  @BeforeEach
  void start() {
    server =
        SwitchboardServer.builder()
            .host("127.0.0.1")
            .port(0)
            .hub(
                "/who",
                WhoHub.class,
                options ->
                    options.authenticator(
                        request -> {
                          callers.add(Thread.currentThread());
                          if ("boom".equals(request.queryParameter("access_token"))) {
                            throw new IllegalStateException("the identity provider is down");
                          }
                          return Optional.ofNullable(request.queryParameter("access_token"))
                              .map(name -> new AuthenticatedUser(name, Map.of(), null));
                        }))
            .start();
    http = new Http(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theAuthenticatorRunsOncePerRequestOffTheEventLoops() throws Exception {
    String token =
        http.negotiate("/who", "?negotiateVersion=1&access_token=alice").get("connectionToken").textValue();
    WsClient client = http.webSocket("/who?id=" + token + "&access_token=alice");
    client.sendText("{\"protocol\":\"json\",\"version\":1}" + RS);
    assertEquals("{}" + RS, client.awaitText());
    client.sendText("{\"type\":1,\"invocationId\":\"1\",\"target\":\"who\",\"arguments\":[]}" + RS);
    assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"alice\"}" + RS, client.awaitText());

    assertEquals(2, callers.size(), "negotiate and the WebSocket, once each: " + callers);
    for (Thread caller : callers) {
      assertFalse(caller instanceof FastThreadLocalThread, caller + " is an event loop");
    }
  }

  @Test
  void longPollsAndSendsAreServedAfterAnAuthenticationOffTheEventLoop() throws Exception {
    String query =
        "?id="
            + http.negotiate("/who", "?negotiateVersion=1&access_token=bob").get("connectionToken").textValue()
            + "&access_token=bob";
    assertEquals(200, http.send("GET", "/who" + query).statusCode(), "the first poll");
    assertEquals(200, http.send("POST", "/who" + query, "{\"protocol\":\"json\",\"version\":1}" + RS).statusCode());
    assertEquals("{}" + RS, http.send("GET", "/who" + query).body());
    String invocation = "{\"type\":1,\"invocationId\":\"1\",\"target\":\"who\",\"arguments\":[]}" + RS;
    assertEquals(200, http.send("POST", "/who" + query, invocation).statusCode());
    assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"bob\"}" + RS, http.send("GET", "/who" + query).body());
    for (Thread caller : callers) {
      assertFalse(caller instanceof FastThreadLocalThread, caller + " is an event loop");
    }
  }

  @Test
  void anAuthenticatorThatThrowsGets500AndTheServerServesOn() throws Exception {
    var failed = http.send("POST", "/who/negotiate?negotiateVersion=1&access_token=boom");
    assertEquals(500, failed.statusCode());
    assertEquals("", failed.body());
    assertEquals(200, http.send("POST", "/who/negotiate?negotiateVersion=1&access_token=carol").statusCode());
  }
}
