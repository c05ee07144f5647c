package io.switchboard.opentelemetry;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.switchboard.hub.Hub;
import io.switchboard.hub.HubException;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** The tests' hub: each method shows one way an invocation can end. */
public class TracedHub extends Hub {
  /** Where {@link #nested} starts its span: the test's tracer provider. */
  static volatile Tracer application = GlobalOpenTelemetry.getTracer("noop");

  /** Starts an application span of its own, which must nest under the invocation's. */
  public String nested(String text) {
    Span span = application.spanBuilder("application work").startSpan();
    span.end();
    return text;
  }

  public void fail() {
    throw new IllegalStateException("failed on purpose");
  }

  public void refuse() {
    throw new HubException("refused");
  }

  public CompletableFuture<String> later(String text) {
    return CompletableFuture.supplyAsync(() -> text);
  }

  public Stream<Integer> count(int to) {
    return Stream.iterate(1, i -> i <= to, i -> i + 1);
  }

  public CompletableFuture<Void> broadcast(String text) {
    return clients().all().send("Receive", text);
  }
}
