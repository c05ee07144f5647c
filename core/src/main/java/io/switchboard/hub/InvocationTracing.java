package io.switchboard.hub;

import io.switchboard.events.SwitchboardTracer;
import io.switchboard.events.TracedInvocation;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an invocation inside its hub's {@link SwitchboardTracer} trace. A tracer that throws is
 * logged and ignored: the invocation goes on untraced.
 */
final class InvocationTracing {
  private static final Logger log = LoggerFactory.getLogger(InvocationTracing.class);

  private InvocationTracing() {}

  /** The trace of the invocation of {@code target}, {@link TracedInvocation#NONE} without a tracer. */
  static TracedInvocation start(HubRuntime<?> hub, String target, Map<String, String> headers) {
    SwitchboardTracer tracer = hub.options.tracer();
    if (tracer == SwitchboardTracer.NONE) {
      return TracedInvocation.NONE;
    }
    try {
      return tracer.invocationStarted(hub.hubClass, target, headers);
    } catch (RuntimeException e) {
      log.warn("A SwitchboardTracer failed to start a trace; ignored", e);
      return TracedInvocation.NONE;
    }
  }

  /** Makes {@code trace} current on this thread until the scope closes. */
  static TracedInvocation.Scope enter(TracedInvocation trace) {
    try {
      return trace.enter();
    } catch (RuntimeException e) {
      log.warn("A SwitchboardTracer failed to enter a trace; ignored", e);
      return TracedInvocation.Scope.NONE;
    }
  }

  /** Ends {@code trace} with {@code error} (null for success). */
  static void end(TracedInvocation trace, Throwable error) {
    try {
      trace.end(error);
    } catch (RuntimeException e) {
      log.warn("A SwitchboardTracer failed to end a trace; ignored", e);
    }
  }
}
