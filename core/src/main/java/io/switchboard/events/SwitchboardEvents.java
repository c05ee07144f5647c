package io.switchboard.events;

import io.switchboard.connection.TransportType;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What a server reports about its work, for meters, logs or traces: connections opening and
 * closing, hub invocations and streams, messages and bytes per protocol, outbound pressure and
 * slow clients cut off, and the backplane's traffic and health. Registered on the server builder
 * ({@code SwitchboardServer.Builder.events}); core depends on no metrics library, a module such as
 * {@code switchboard-micrometer} implements this.
 *
 * <p>Every method does nothing by default, so a listener overrides only what it needs. Methods are
 * called on transport threads (event loops) and hub threads, concurrently: they must be
 * thread-safe, quick and never block. An exception a listener throws is logged and ignored.
 * When no listener is registered the server uses {@link #NONE} and its hot paths skip the calls.
 */
public interface SwitchboardEvents {

  /** The listener that ignores everything; the server checks for it to skip all reporting. */
  SwitchboardEvents NONE = new SwitchboardEvents() {};

  /**
   * One listener that calls each of {@code listeners} in order; {@link #NONE} for none, the
   * listener itself for one.
   */
  static SwitchboardEvents all(List<? extends SwitchboardEvents> listeners) {
    List<SwitchboardEvents> active =
        listeners.stream().filter(listener -> listener != NONE).map(SwitchboardEvents.class::cast).toList();
    if (active.isEmpty()) {
      return NONE;
    }
    return active.size() == 1 ? active.get(0) : new CompositeEvents(active);
  }

  /**
   * A connection's first transport started (the reference's transport start: what {@code
   * signalr.server.active_connections} counts).
   *
   * @param endpoint the path the connection's hub or handler is mounted on, e.g. {@code /chat}
   */
  default void connectionOpened(String endpoint, String connectionId, TransportType transport) {}

  /**
   * A connection ended for good, whoever ended it (the reference's connection stop: what {@code
   * signalr.server.connection.duration} records).
   *
   * @param transport its transport, or null when none ever attached (negotiated, never used)
   * @param status why, as the reference names it
   * @param error the failure that ended it, or null for a clean end
   * @param durationNanos from its creation (negotiate, or a WebSocket without negotiate)
   */
  default void connectionClosed(
      String endpoint,
      String connectionId,
      TransportType transport,
      ConnectionStatus status,
      Throwable error,
      long durationNanos) {}

  /**
   * A hub method was called (after authorization, before filters and the method run).
   *
   * @param hub the hub class's simple name
   * @param method the invocation's target as the client sent it
   */
  default void invocationStarted(String hub, String method) {}

  /**
   * A hub method finished (its returned future included), before its answer is sent.
   *
   * @param durationNanos from {@link #invocationStarted}
   */
  default void invocationFinished(
      String hub, String method, InvocationOutcome outcome, long durationNanos) {}

  /**
   * A hub message was parsed from a client.
   *
   * @param protocol the connection's hub protocol, e.g. {@code json} or {@code messagepack}
   * @param bytes its encoded size, framing included
   */
  default void messageReceived(String endpoint, String protocol, int bytes) {}

  /**
   * A hub message was parsed from connection {@code connectionId}: what the server calls. By
   * default it calls {@link #messageReceived(String, String, int)}, for listeners that count per
   * endpoint only; a listener that follows connections (a live trace) overrides this one.
   */
  default void messageReceived(String endpoint, String connectionId, String protocol, int bytes) {
    messageReceived(endpoint, protocol, bytes);
  }

  /**
   * A hub message was written to one connection (a broadcast counts once per receiving
   * connection).
   *
   * @param bytes its encoded size, framing included
   */
  default void messageSent(String endpoint, String protocol, int bytes) {}

  /**
   * A hub message was written to connection {@code connectionId}: what the server calls. By
   * default it calls {@link #messageSent(String, String, int)} (see {@link
   * #messageReceived(String, String, String, int)}).
   */
  default void messageSent(String endpoint, String connectionId, String protocol, int bytes) {
    messageSent(endpoint, protocol, bytes);
  }

  /** A connection was cut off because its client did not read fast enough. */
  default void slowClientDropped(String endpoint, String connectionId, SlowClientReason reason) {}

  /**
   * A connection's transport stopped taking output at the socket's pace (its channel went above
   * the high watermark: {@code pressured} true) or caught up again (below the low watermark:
   * false, also when the pressured channel goes). Not every transport reports it (long polling
   * holds its output in a bounded buffer); a listener may take {@link #connectionClosed} as the
   * end of the pressure too.
   *
   * @param queuedBytes the bytes the connection holds for its client right now, readable from any
   *     thread until the connection closes (for a gauge of what slow clients hold)
   */
  default void outboundPressureChanged(
      String endpoint, String connectionId, boolean pressured, LongSupplier queuedBytes) {}

  /**
   * A stream started: a streaming hub method's result began to be sent, or a client's upload was
   * opened for a hub method's stream parameter.
   *
   * @param hub the hub class's simple name
   * @param method the invocation's target as the client sent it
   */
  default void streamStarted(String hub, String method, StreamDirection direction) {}

  /**
   * A stream ended.
   *
   * @param items the items it carried
   * @param durationNanos from {@link #streamStarted}
   */
  default void streamFinished(
      String hub,
      String method,
      StreamDirection direction,
      StreamOutcome outcome,
      long items,
      long durationNanos) {}

  /**
   * The backplane acknowledged a message this server published.
   *
   * @param hub the hub's backplane name (see {@code ScaleOutOptions.hubName})
   * @param bytes the published message's size
   * @param durationNanos from the publish to the bus's acknowledgement (Redis: the PUBLISH's reply;
   *     SQL: the append's commit): the part of the cross-server latency this server can measure
   */
  default void backplanePublished(String hub, int bytes, long durationNanos) {}

  /** Publishing a message failed (the bus is unreachable, or the publish itself failed). */
  default void backplanePublishFailed(String hub, int bytes, Throwable error) {}

  /** A message from the backplane reached this server's hub (its own included where the bus echoes it). */
  default void backplaneReceived(String hub, int bytes) {}

  /** The backplane became unhealthy ({@code healthy} false) or healthy again. */
  default void backplaneHealthChanged(boolean healthy) {}

  /**
   * Messages of a numbered stream never reached this server (buses that number their messages:
   * the SQL backplanes; see {@code BackplaneHealthListener.messagesMissed}).
   *
   * @param count how many were missed
   */
  default void backplaneMessagesMissed(String stream, long count) {}
}
