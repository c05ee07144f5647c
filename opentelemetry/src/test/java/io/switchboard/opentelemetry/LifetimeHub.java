package io.switchboard.opentelemetry;

import io.opentelemetry.api.trace.Span;
import io.switchboard.hub.Hub;

/**
 * The connect/disconnect tests' hub: its events start an application span, and fail when the
 * connection's query asks them to ({@code ?fail=connect} or {@code ?fail=disconnect}).
 */
public class LifetimeHub extends Hub {
  @Override
  public void onConnected() {
    work("connect work");
    if ("connect".equals(context().request().queryParameter("fail"))) {
      throw new IllegalStateException("refused on purpose");
    }
  }

  @Override
  public void onDisconnected(Throwable error) {
    work("disconnect work");
    if ("disconnect".equals(context().request().queryParameter("fail"))) {
      throw new UnsupportedOperationException("failed on purpose");
    }
  }

  public String echo(String text) {
    return text;
  }

  private static void work(String name) {
    Span span = TracedHub.application.spanBuilder(name).startSpan();
    span.end();
  }
}
