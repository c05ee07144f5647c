package io.switchboard.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.hub.Hub;
import io.switchboard.server.Health;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthAndDrainTest {
  private static final String RS = "\u001e";

  /** A hub that answers while the server drains. */
  public static class DrainedHub extends Hub {
    public String echo(String message) {
      return message;
    }
  }

  @Test
  void healthFollowsTheBackplane() throws Exception {
    OneNodeBackplane backplane = new OneNodeBackplane();
    try (SwitchboardServer server =
            SwitchboardServer.builder().port(0).backplane(backplane).health("/health")
                .hub("/hub", DrainedHub.class).start()) {
      Http http = new Http(server.port());
      assertAnswers(http, 200, "Healthy");
      assertEquals(Health.HEALTHY, server.health());

      backplane.disconnect();
      assertAnswers(http, 503, "Unhealthy");
      assertEquals(Health.UNHEALTHY, server.health());

      backplane.reconnect();
      assertAnswers(http, 200, "Healthy");
      assertEquals(404, http.send("POST", "/health").statusCode(), "only GET and HEAD are answered");
    }
  }

  @Test
  void aDrainAnswersDrainingKeepsServingThenClosesWithReconnect() throws Exception {
    SwitchboardServer server =
        SwitchboardServer.builder().port(0).health("/HEALTH").hub("/hub", DrainedHub.class).start();
    Http http = new Http(server.port());
    WsClient client = connectedClient(http);

    server.startDraining();
    assertEquals(Health.DRAINING, server.health());
    assertAnswers(http, 503, "Draining");

    // Still served while draining: an invocation on the open connection is answered.
    client.sendText("{\"type\":1,\"invocationId\":\"1\",\"target\":\"Echo\",\"arguments\":[\"draining\"]}" + RS);
    String completion = nextNonPing(client);
    assertTrue(completion.contains("\"result\":\"draining\""), completion);

    // Then every client gets a Close that lets it reconnect elsewhere.
    server.close();
    assertEquals("{\"type\":7,\"allowReconnect\":true}" + RS, nextNonPing(client));
    assertEquals(1000, Await.poll(client.closeCodes));
  }

  @Test
  void drainStopsTheServerAfterTheDelay() throws Exception {
    SwitchboardServer server =
        SwitchboardServer.builder().port(0).hub("/hub", DrainedHub.class).start();
    WsClient client = connectedClient(new Http(server.port()));

    server.drain(Duration.ZERO);

    assertEquals(Health.DRAINING, server.health());
    assertEquals("{\"type\":7,\"allowReconnect\":true}" + RS, nextNonPing(client));
    assertEquals(1000, Await.poll(client.closeCodes));
  }

  /** A JSON hub connection on {@code /hub} over WebSockets, past its handshake. */
  private static WsClient connectedClient(Http http) throws Exception {
    WsClient client = http.webSocket("/hub");
    client.sendText("{\"protocol\":\"json\",\"version\":1}" + RS);
    assertEquals("{}" + RS, client.awaitText());
    return client;
  }

  private static String nextNonPing(WsClient client) throws InterruptedException {
    String text;
    do {
      text = client.awaitText();
    } while (text.equals("{\"type\":6}" + RS));
    return text;
  }

  private static void assertAnswers(Http http, int status, String body) throws Exception {
    HttpResponse<String> response = http.send("GET", "/health");
    assertEquals(status, response.statusCode());
    assertEquals(body, response.body());
    assertEquals("no-cache", response.headers().firstValue("Cache-Control").orElse(""));
    assertEquals(status, http.send("HEAD", "/Health").statusCode());
  }
}
