package io.switchboard.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.TransportEnum;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.switchboard.backplane.redis.RedisBackplane;
import io.switchboard.backplane.testkit.ServerProcesses;
import io.switchboard.transport.netty.SwitchboardServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two servers over a real Redis ({@code redis-server} from the PATH, on a free port), each with
 * its own tracer provider: a send made inside a traced invocation on node A and its delivery on
 * node B are one trace, B's delivery span a child of A's invocation span.
 */
class BackplaneTraceIT {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String HUB = TracedHub.class.getName();

  private final Node nodeA = new Node();
  private final Node nodeB = new Node();
  private Process redis;

  /** A server with its own spans. */
  private static final class Node {
    final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    final OpenTelemetrySdk openTelemetry =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
            .build();
    RedisBackplane backplane;
    SwitchboardServer server;

    void start(String redisUri) throws Exception {
      backplane = RedisBackplane.create(redisUri);
      server =
          SwitchboardServer.builder()
              .port(0)
              .backplane(backplane)
              .tracer(SwitchboardTracing.create(openTelemetry))
              .hub("/traced", TracedHub.class)
              .start();
    }

    /** The one span {@code test} accepts, waiting for it to end (deliveries end after the write). */
    SpanData await(String description, Predicate<SpanData> test) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        List<SpanData> found = exporter.getFinishedSpanItems().stream().filter(test).toList();
        if (!found.isEmpty()) {
          assertEquals(1, found.size(), () -> "more than one " + description + ": " + found);
          return found.get(0);
        }
        Thread.sleep(10);
      }
      throw new AssertionError("no " + description + " in " + exporter.getFinishedSpanItems());
    }

    void close() throws Exception {
      if (server != null) {
        server.close();
      }
      if (backplane != null) {
        backplane.close();
      }
      openTelemetry.close();
    }
  }

  @BeforeEach
  void startRedisAndNodes() throws Exception {
    Optional<Path> binary = ServerProcesses.onPath("redis-server");
    assumeTrue(binary.isPresent(), "no redis-server on the PATH");
    int port = ServerProcesses.freePort();
    Path directory = Files.createTempDirectory("switchboard-otel-redis");
    redis =
        new ProcessBuilder(
                binary.get().toString(), "--bind", "127.0.0.1", "--port", "" + port,
                "--save", "", "--appendonly", "no", "--dir", directory.toString())
            .redirectErrorStream(true)
            .start();
    awaitReady(redis);
    nodeA.start("redis://127.0.0.1:" + port);
    nodeB.start("redis://127.0.0.1:" + port);
  }

  private static void awaitReady(Process process) throws Exception {
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (line.contains("Ready to accept connections")) {
        Thread drain =
            new Thread(
                () -> {
                  try {
                    lines.lines().forEach(ignored -> {});
                  } catch (UncheckedIOException e) {
                    // the server ended
                  }
                },
                "redis-output");
        drain.setDaemon(true);
        drain.start();
        return;
      }
    }
    throw new IllegalStateException("redis-server ended before it was ready");
  }

  @AfterEach
  void stop() throws Exception {
    nodeA.close();
    nodeB.close();
    if (redis != null) {
      redis.destroy();
      redis.waitFor(30, TimeUnit.SECONDS);
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

    SpanData invocation = nodeA.await("invocation span", span -> span.getName().equals(HUB + "/broadcast"));
    assertEquals(TRACE_ID, invocation.getTraceId());
    String destination = HUB + ":all";
    SpanData delivery =
        nodeB.await("delivery span", span -> span.getName().equals("process " + destination));
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
        nodeA.await("delivery span", span -> span.getName().equals("process " + destination)).getParentSpanId());
  }
}
