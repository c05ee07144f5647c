package io.switchboard.events;

import io.switchboard.backplane.BackplaneTracer;
import io.switchboard.connection.HttpRequestInfo;
import java.util.Map;

/**
 * Traces hub invocations and carries traces across the backplane (e.g. OpenTelemetry spans, see
 * {@code switchboard-opentelemetry}); core knows no tracing library. Registered on the server
 * builder ({@code SwitchboardServer.Builder.tracer}) or per hub ({@code HubOptions.Builder.tracer});
 * none by default ({@link #NONE}), which costs nothing.
 *
 * <p>Unlike {@link SwitchboardEvents}, which only hears about work, a tracer surrounds it: the
 * trace it starts is current on the hub thread while filters and the hub method run, so spans
 * the application starts there nest under it. Methods are called on hub threads, concurrently,
 * and must be quick and never block.
 */
public interface SwitchboardTracer extends BackplaneTracer {

  /** Traces nothing. */
  SwitchboardTracer NONE = new SwitchboardTracer() {};

  /**
   * A hub method is about to run on the calling (hub) thread: after authorization, before the
   * filters and the method; for streaming methods too.
   *
   * @param hubClass the hub's class
   * @param method the invocation's target as the client sent it
   * @param headers the invocation's headers (e.g. {@code traceparent}), read-only, empty when none
   * @return the invocation's trace, which the server enters around the method and ends once
   */
  default TracedInvocation invocationStarted(
      Class<?> hubClass, String method, Map<String, String> headers) {
    return TracedInvocation.NONE;
  }

  /**
   * As {@link #invocationStarted(Class, String, Map)}, knowing the connection's HTTP request too
   * (the reference links an invocation's span to the request's); the server calls this one. By
   * default, {@link #invocationStarted(Class, String, Map)}.
   *
   * @param request the HTTP request that carried the connection's transport
   */
  default TracedInvocation invocationStarted(
      Class<?> hubClass, String method, Map<String, String> headers, HttpRequestInfo request) {
    return invocationStarted(hubClass, method, headers);
  }

  /**
   * A hub's {@code onConnected} is about to run on the calling (hub) thread, with the filters
   * around it; the server enters the returned trace around them and ends it once they returned.
   *
   * @param hubClass the hub's class
   * @param request the HTTP request that carried the connection's transport (its headers may hold
   *     a proxy's or the client's {@code traceparent})
   * @return the event's trace
   */
  default TracedInvocation onConnectedStarted(Class<?> hubClass, HttpRequestInfo request) {
    return TracedInvocation.NONE;
  }

  /**
   * A hub's {@code onDisconnected} is about to run on the calling (hub) thread, with the filters
   * around it; as {@link #onConnectedStarted}.
   *
   * @param hubClass the hub's class
   * @param request the HTTP request that carried the connection's transport
   * @return the event's trace
   */
  default TracedInvocation onDisconnectedStarted(Class<?> hubClass, HttpRequestInfo request) {
    return TracedInvocation.NONE;
  }
}
