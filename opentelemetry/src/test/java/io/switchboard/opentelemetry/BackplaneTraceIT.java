package io.switchboard.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.TransportEnum;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.switchboard.backplane.redis.RedisBackplane;
import io.switchboard.backplane.testkit.TestRedis;
import io.switchboard.transport.netty.SwitchboardServer;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two servers over a real Redis (the test kit's {@link TestRedis}, on a free port), each with
 * its own tracer provider: a send made inside a traced invocation on node A and its delivery on
 * node B are one trace, B's delivery span a child of A's invocation span.
 */
class BackplaneTraceIT {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String HUB = TracedHub.class.getName();

  private final Node nodeA = new Node();
  private final Node nodeB = new Node();
  private TestRedis redis;

  /** A server with its own spans. */
  private static final class Node {
    final RecordedSpans spans = new RecordedSpans();
    RedisBackplane backplane;
    SwitchboardServer server;

    void start(String redisUri) {
      backplane = RedisBackplane.create(redisUri);
      server = spans.serverBuilder().backplane(backplane).hub("/traced", TracedHub.class).start();
    }

    void close() throws Exception {
      if (server != null) {
        server.close();
      }
      if (backplane != null) {
        backplane.close();
      }
      spans.close();
    }
  }

  @BeforeEach
  void startRedisAndNodes() throws Exception {
    redis = TestRedis.launch();
    nodeA.start(redis.uri());
    nodeB.start(redis.uri());
  }

  @AfterEach
  void stop() throws Exception {
    nodeA.close();
    nodeB.close();
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void aSendOnOneNodeAndItsDeliveryOnAnotherAreOneTrace() throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    HubConnection listener =
        HubConnectionBuilder.create("http://127.0.0.1:" + nodeB.server.port() + "/traced")
            .withTransport(TransportEnum.WEBSOCKETS)
            .build();
    listener.on("Receive", received::add, String.class);
    listener.start().timeout(30, TimeUnit.SECONDS).blockingAwait();
    try (RawHubClient sender = RawHubClient.connect(nodeA.server.port(), "/traced")) {
      sender.send(
          "{\"type\":1,\"invocationId\":\"1\",\"target\":\"broadcast\",\"arguments\":[\"hello\"],"
              + "\"headers\":{\"traceparent\":\"00-" + TRACE_ID + "-00f067aa0ba902b7-01\"}}");
      // The sender is one of "all" too: its copy may come before or after the answer.
      assertEquals(
          Set.of(
              "{\"type\":3,\"invocationId\":\"1\",\"result\":null}",
              "{\"type\":1,\"target\":\"Receive\",\"arguments\":[\"hello\"]}"),
          Set.of(sender.next(), sender.next()));
      assertEquals("hello", received.poll(30, TimeUnit.SECONDS));
    } finally {
      listener.stop().timeout(30, TimeUnit.SECONDS).blockingAwait();
    }

    SpanData invocation = nodeA.spans.await("invocation span", span -> span.getName().equals(HUB + "/broadcast"));
    assertEquals(TRACE_ID, invocation.getTraceId());
    String destination = HUB + ":all";
    SpanData delivery =
        nodeB.spans.await("delivery span", span -> span.getName().equals("process " + destination));
    assertEquals(TRACE_ID, delivery.getTraceId());
    assertEquals(invocation.getSpanId(), delivery.getParentSpanId());
    assertEquals(SpanKind.CONSUMER, delivery.getKind());
    assertEquals(SwitchboardTracing.BACKPLANE_SCOPE, delivery.getInstrumentationScopeInfo().getName());
    assertEquals("signalr", delivery.getAttributes().get(AttributeKey.stringKey("messaging.system")));
    assertEquals(
        destination, delivery.getAttributes().get(AttributeKey.stringKey("messaging.destination.template")));
    // Node A delivers the message to its own clients as it comes back from Redis: the same trace.
    assertEquals(
        invocation.getSpanId(),
        nodeA.spans.await("delivery span", span -> span.getName().equals("process " + destination)).getParentSpanId());
  }
}
