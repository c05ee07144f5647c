package io.switchboard.opentelemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.switchboard.events.TracedInvocation;

/** One hub invocation's or event's span, entered as its context and ended with its result. */
final class InvocationSpan implements TracedInvocation {
  private final Span span;
  private final Context context;

  InvocationSpan(Span span, Context context) {
    this.span = span;
    this.context = context;
  }

  @Override
  public Scope enter() {
    return context.makeCurrent()::close;
  }

  @Override
  public void end(Throwable error) {
    if (error != null) {
      SwitchboardTracing.failed(span, error);
    }
    span.end();
  }
}
