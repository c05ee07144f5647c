package io.switchboard.events;

import io.switchboard.connection.TransportType;
import java.util.List;

/**
 * What a server reports about its work, for meters, logs or traces: connections opening and
 * closing, hub invocations, messages and bytes per protocol, slow clients cut off (the
 * backplane's health is read from the backplane itself). Registered on the server builder
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
}
