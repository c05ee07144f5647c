package io.switchboard.bench.client;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The transports a client falls back to without WebSockets (protocol §1.8, §1.9): the server's
 * messages come down an HTTP response, the client's go up by POST. JSON only (SSE is text).
 */
public enum FallbackTransport {
  /** One chunked {@code text/event-stream} response carrying every message as an event. */
  SERVER_SENT_EVENTS("sse", false) {
    @Override
    HttpReceiver receiver(Target target, String uri, Supplier<CompletableFuture<HttpCall.Reply>> handshake, MessageListener listener, CompletableFuture<LoadConnection> ready) {
      return new EventStreamReceiver(target, uri, handshake, listener, ready);
    }
  },
  /** Polls answered with what is pending, one after the other on one keep-alive connection. */
  LONG_POLLING("lp", true) {
    @Override
    HttpReceiver receiver(Target target, String uri, Supplier<CompletableFuture<HttpCall.Reply>> handshake, MessageListener listener, CompletableFuture<LoadConnection> ready) {
      return new LongPollingReceiver(target, uri, listener, ready);
    }
  };

  private final String shortName;
  private final boolean aggregated;

  FallbackTransport(String shortName, boolean aggregated) {
    this.shortName = shortName;
    this.aggregated = aggregated;
  }

  /** {@code sse} or {@code lp}, for scenario names. */
  public String shortName() {
    return shortName;
  }

  /** Whether the receiver reads whole responses (an aggregator in the pipeline) rather than a stream. */
  boolean aggregated() {
    return aggregated;
  }

  /**
   * The receiver's channel handler.
   *
   * @param uri the transport request's path and query
   * @param handshake POSTs the hub handshake on another connection (long polling sends it on its own)
   */
  abstract HttpReceiver receiver(
      Target target,
      String uri,
      Supplier<CompletableFuture<HttpCall.Reply>> handshake,
      MessageListener listener,
      CompletableFuture<LoadConnection> ready);
}
