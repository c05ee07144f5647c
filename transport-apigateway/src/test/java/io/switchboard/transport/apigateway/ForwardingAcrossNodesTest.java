package io.switchboard.transport.apigateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes behind one emulated API that spreads every request round-robin over them (an NLB
 * without stickiness), forwarding over a real Redis what reaches the node that does not hold the
 * connection. The official JavaScript client's messages alternate between the nodes, so half of
 * them land on the non-owner: without forwarding the handshake (or the next message) would be
 * answered 410 and the client would never connect.
 */
class ForwardingAcrossNodesTest {
  private static TestRedisServer redis;
  private static ApiGatewayEmulator emulator;
  private static EmulatedNode first;
  private static EmulatedNode second;
  private static RedisClient inspector;
  private static StatefulRedisConnection<String, String> inspection;

  @BeforeAll
  static void start() throws Exception {
    redis = TestRedisServer.start();
    emulator = new ApiGatewayEmulator();
    first = EmulatedNode.behind(emulator, redis.uri());
    second = EmulatedNode.behind(emulator, redis.uri());
    emulator.integrate(first.integration(), second.integration());
    inspector = RedisClient.create(redis.uri());
    inspection = inspector.connect();
  }

  @AfterAll
  static void stop() throws Exception {
    if (inspection != null) {
      inspection.close();
      inspector.shutdown();
    }
    for (AutoCloseable closeable : new AutoCloseable[] {first, second, emulator, redis}) {
      if (closeable != null) {
        closeable.close();
      }
    }
  }

  /** Every connection ended on its node, and its channel is unsubscribed: nothing leaks. */
  @AfterEach
  void nothingLeft() throws InterruptedException {
    for (int i = 0; i < 300 && !leftovers().equals(List.of(0, 0, 0)); i++) {
      Thread.sleep(100); // the cap only keeps a failure from hanging
    }
    assertEquals(List.of(0, 0, 0), leftovers(), "connections on each node, forwarding channels");
  }

  private static List<Integer> leftovers() {
    return List.of(
        first.server().transport().connectionCount(),
        second.server().transport().connectionCount(),
        inspection.sync().pubsubChannels("apigw:*").size());
  }

  private static void run(String scenario) throws Exception {
    NodeClient.run(
        scenario,
        Map.of(
            "API_URL", emulator.clientUrl(),
            "API_URL_2", emulator.clientUrl(),
            "CLIENT_LOG_LEVEL", System.getProperty("clientLogLevel", "Warning")));
  }

  @Test
  void invokesAndDisconnectsWithMessagesOnEitherNode() throws Exception {
    run("invoke");
  }

  @Test
  void streamsWithMessagesOnEitherNode() throws Exception {
    run("streaming");
  }

  @Test
  void sendsToAGroupWithMessagesOnEitherNode() throws Exception {
    run("groups");
  }

  /** A message for a connection no node holds: accepted, and its socket closed by a DELETE. */
  @Test
  void closesTheSocketOfAConnectionNoNodeHolds() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(first.integration() + "/default"))
                    .header("connectionId", "ghost=")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":6}\u001e"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    String deleted;
    do {
      deleted = emulator.awaitDelete(Duration.ofSeconds(30)); // only against a hang
    } while (deleted != null && !deleted.equals("ghost="));
    assertEquals("ghost=", deleted);
  }
}
