package io.switchboard.transport.apigateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official JavaScript client ({@code skipNegotiation}, WebSockets) through emulated API
 * Gateway WebSocket APIs: two nodes sharing a real Redis, each behind its own API, whose hubs ping
 * often; and a third node that pings at the default interval. The idle-timeout tests shorten their
 * emulator's timeout only after a first connection: a cold JVM's first {@code @connections} call
 * (the SDK's start-up) may take longer than the short timeout.
 */
class OfficialClientThroughApiGatewayTest {
  private static final Duration IDLE = Duration.ofSeconds(3);

  private static TestRedisServer redis;
  private static EmulatedNode first;
  private static EmulatedNode second;
  private static EmulatedNode idle;

  @BeforeAll
  static void start() throws Exception {
    redis = TestRedisServer.start();
    first = new EmulatedNode(redis.uri(), Duration.ofMillis(400));
    second = new EmulatedNode(redis.uri(), Duration.ofMillis(400));
    idle = new EmulatedNode(null, Duration.ofSeconds(15));
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable closeable : new AutoCloseable[] {first, second, idle, redis}) {
      if (closeable != null) {
        closeable.close();
      }
    }
  }

  private static void run(String scenario) throws Exception {
    run(scenario, first);
  }

  private static void run(String scenario, EmulatedNode node) throws Exception {
    NodeClient.run(
        scenario,
        Map.of(
            "API_URL", node.clientUrl(),
            "API_URL_2", second.clientUrl(),
            "IDLE_MILLIS", "" + IDLE.toMillis(),
            "CLIENT_LOG_LEVEL", System.getProperty("clientLogLevel", "Warning")));
  }

  @Test
  void invokesTheHubAndReceivesItsCalls() throws Exception {
    run("invoke");
    // The client's stop closed its socket: $disconnect ended the connection on the node.
    awaitNoConnections(first);
  }

  @Test
  void endsTheConnectionWhenApiGatewayClosesTheSocket() throws Exception {
    run("binary-refused");
    awaitNoConnections(first);
  }

  /** Waits for the node to serve no connection; the cap only keeps a failure from hanging. */
  private static void awaitNoConnections(EmulatedNode node) throws InterruptedException {
    for (int i = 0; i < 300 && node.server().transport().connectionCount() > 0; i++) {
      Thread.sleep(100);
    }
    assertEquals(0, node.server().transport().connectionCount());
  }

  @Test
  void refusesAConnectWithoutAToken() throws Exception {
    run("unauthorized");
  }

  @Test
  void sendsToAGroupAcrossTwoNodesThroughRedis() throws Exception {
    run("groups");
  }

  @Test
  void streamsFromTheHub() throws Exception {
    run("streaming");
  }

  @Test
  void deliversResultsLargerThanOneFrame() throws Exception {
    run("large-results");
  }

  @Test
  void closesWithAClearErrorForAResultOverTheMessageLimit() throws Exception {
    run("outbound-limit");
  }

  @Test
  void apiGatewayClosesAFrameOverItsLimit() throws Exception {
    run("inbound-frame-limit");
  }

  @Test
  void apiGatewayClosesAMessageOverItsLimit() throws Exception {
    run("inbound-message-limit");
  }

  @Test
  void refusesMessagePackInTheHandshake() throws Exception {
    run("messagepack");
  }

  @Test
  void keepAlivePingsKeepAnIdleClientConnected() throws Exception {
    run("invoke");
    first.emulator().idleTimeout(IDLE);
    try {
      run("keep-alive");
    } finally {
      first.emulator().idleTimeout(Duration.ofMinutes(10));
    }
  }

  @Test
  void reconnectsAfterTheIdleTimeout() throws Exception {
    run("invoke", idle);
    idle.emulator().idleTimeout(Duration.ofMillis(500));
    run("idle-reconnect", idle);
  }
}
