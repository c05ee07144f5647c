package io.switchboard.backplane;

import java.util.Map;

/**
 * Carries a trace across the backplane, so that a send on one server and its delivery on another
 * are one trace (e.g. {@code switchboard-opentelemetry}); core knows no tracing library. The
 * propagation headers it returns travel beside the message, in an array item that ASP.NET Core's
 * Redis backplane reads past (see {@link ScaleOutHubLifetimeManager}).
 *
 * <p>Both methods do nothing by default ({@link #NONE}). They are called on the threads of hub
 * code and of the backplane's deliveries, concurrently, and must be quick and never block.
 */
public interface BackplaneTracer {

  /** Carries nothing. */
  BackplaneTracer NONE = new BackplaneTracer() {};

  /**
   * The propagation headers (e.g. {@code traceparent}) of the calling thread's current trace, for a
   * message published now.
   *
   * @return the headers, empty when there is no trace to carry
   */
  default Map<String, String> outgoingHeaders() {
    return Map.of();
  }

  /**
   * A message that carried propagation headers arrived: runs {@code delivery} (the writes to this
   * server's connections), e.g. inside a span whose parent the headers name. Messages without
   * headers are delivered without calling this.
   *
   * @param destination the channel's low-cardinality name, e.g. {@code MyApp.ChatHub:all} or
   *     {@code MyApp.ChatHub:group:{group}}
   * @param headers the headers the publisher's tracer returned, never empty
   * @param delivery must be run exactly once, on the calling thread
   */
  default void delivered(String destination, Map<String, String> headers, Runnable delivery) {
    delivery.run();
  }
}
