package io.switchboard.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.switchboard.transport.netty.SwitchboardServer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An OpenTelemetry SDK that keeps every span it ends in memory, and the servers it traces: what
 * the tests look at, as the SDK's in-memory exporter sees it.
 */
final class RecordedSpans implements AutoCloseable {
  private static final long PATIENCE_SECONDS = 30;

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk openTelemetry =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
          .build();

  /** A server on a free port, traced into this SDK. */
  SwitchboardServer.Builder serverBuilder() {
    return SwitchboardServer.builder().port(0).tracer(SwitchboardTracing.create(openTelemetry));
  }

  /** A tracer of this SDK, for the hubs' own spans. */
  Tracer tracer(String scope) {
    return openTelemetry.getTracer(scope);
  }

  /** The spans ended so far. */
  List<SpanData> finished() {
    return exporter.getFinishedSpanItems();
  }

  /** Forgets the spans ended so far. */
  void reset() {
    exporter.reset();
  }

  /**
   * The one span {@code which} accepts, once it has ended: some end after the client has its
   * answer (a disconnect event, a delivery), so the test waits (bounded only against a hang).
   */
  SpanData await(String description, Predicate<SpanData> which) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
    while (true) {
      List<SpanData> found = finished().stream().filter(which).toList();
      if (!found.isEmpty()) {
        assertEquals(1, found.size(), () -> "more than one " + description + ": " + found);
        return found.get(0);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + description + " in " + finished());
      }
      Thread.sleep(10);
    }
  }

  @Override
  public void close() {
    openTelemetry.close();
  }
}
