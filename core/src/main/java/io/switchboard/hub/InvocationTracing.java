package io.switchboard.hub;

import io.switchboard.connection.HttpRequestInfo;
import io.switchboard.events.SwitchboardTracer;
import io.switchboard.events.TracedInvocation;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an invocation or a connect/disconnect event inside its hub's {@link SwitchboardTracer}
 * trace. A tracer that throws is logged and ignored: the work goes on untraced.
 */
final class InvocationTracing {
  private static final Logger log = LoggerFactory.getLogger(InvocationTracing.class);

  private InvocationTracing() {}

  /**
   * The trace of {@code caller}'s invocation of {@code target}, {@link TracedInvocation#NONE}
   * without a tracer.
   */
  static TracedInvocation start(
      HubConnectionContext caller, HubRuntime<?> hub, String target, Map<String, String> headers) {
    return start(
        hub, tracer -> tracer.invocationStarted(hub.hubClass, target, headers, caller.request()));
  }

  /** Runs the hub's {@code onConnected} ({@code event}, with its filters) inside its trace. */
  static void onConnected(HubRuntime<?> hub, HttpRequestInfo request, HubEvent event)
      throws Exception {
    run(start(hub, tracer -> tracer.onConnectedStarted(hub.hubClass, request)), event);
  }

  /** Runs the hub's {@code onDisconnected} ({@code event}, with its filters) inside its trace. */
  static void onDisconnected(HubRuntime<?> hub, HttpRequestInfo request, HubEvent event)
      throws Exception {
    run(start(hub, tracer -> tracer.onDisconnectedStarted(hub.hubClass, request)), event);
  }

  private static TracedInvocation start(
      HubRuntime<?> hub, Function<SwitchboardTracer, TracedInvocation> starter) {
    SwitchboardTracer tracer = hub.options.tracer();
    if (tracer == SwitchboardTracer.NONE) {
      return TracedInvocation.NONE;
    }
    try {
      return starter.apply(tracer);
    } catch (RuntimeException e) {
      log.warn("A SwitchboardTracer failed to start a trace; ignored", e);
      return TracedInvocation.NONE;
    }
  }

  /** Runs {@code event} with {@code trace} current, and ends the trace with its outcome. */
  private static void run(TracedInvocation trace, HubEvent event) throws Exception {
    Throwable error = null;
    try (TracedInvocation.Scope scope = enter(trace)) {
      event.run();
    } catch (Throwable e) {
      error = e;
      throw e;
    } finally {
      end(trace, error);
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

  /** A hub's connect or disconnect event, run through its filters. */
  @FunctionalInterface
  interface HubEvent {
    void run() throws Exception;
  }
}
