package io.switchboard.events;

import io.switchboard.connection.TransportType;
import io.switchboard.connection.internal.LimitedWarnings;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SwitchboardEvents} listener bound to one mounted endpoint, as connections and hubs
 * report to it. When nobody listens ({@link #NONE}, or a listener that is {@link
 * SwitchboardEvents#NONE}) every method returns after reading one final field, and takes no time
 * stamps. A listener that throws is logged and ignored: it never harms the connection.
 */
public final class EndpointEvents {
  private static final Logger LOG = LoggerFactory.getLogger(EndpointEvents.class);
  // A listener that fails on every message must not write a line per message.
  private static final LimitedWarnings LISTENER_FAILURES =
      new LimitedWarnings(LOG, "SwitchboardEvents listeners failed");
  /** Reports nothing. */
  public static final EndpointEvents NONE = new EndpointEvents(SwitchboardEvents.NONE, "");

  private final SwitchboardEvents listener;
  private final String endpoint;
  private final boolean enabled;

  private EndpointEvents(SwitchboardEvents listener, String endpoint) {
    this.listener = listener;
    this.endpoint = endpoint;
    this.enabled = listener != SwitchboardEvents.NONE;
  }

  /** {@code listener} bound to the endpoint mounted on {@code path}. */
  public static EndpointEvents of(SwitchboardEvents listener, String path) {
    Objects.requireNonNull(listener);
    Objects.requireNonNull(path);
    return listener == SwitchboardEvents.NONE ? NONE : new EndpointEvents(listener, path);
  }

  /** Whether anybody listens; callers skip work done only to report (e.g. time stamps). */
  public boolean enabled() {
    return enabled;
  }

  /** The path of the endpoint (empty for {@link #NONE}). */
  public String endpoint() {
    return endpoint;
  }

  /** See {@link SwitchboardEvents#connectionOpened}. */
  public void connectionOpened(String connectionId, TransportType transport) {
    if (enabled) {
      try {
        listener.connectionOpened(endpoint, connectionId, transport);
      } catch (RuntimeException e) {
        LISTENER_FAILURES.warn("A SwitchboardEvents listener failed; ignored", e);
      }
    }
  }

  /** See {@link SwitchboardEvents#connectionClosed}; {@code createdNanos} from {@link System#nanoTime}. */
  public void connectionClosed(
      String connectionId,
      TransportType transport,
      ConnectionStatus status,
      Throwable error,
      long createdNanos) {
    if (enabled) {
      try {
        listener.connectionClosed(
            endpoint, connectionId, transport, status, error, System.nanoTime() - createdNanos);
      } catch (RuntimeException e) {
        LISTENER_FAILURES.warn("A SwitchboardEvents listener failed; ignored", e);
      }
    }
  }

  /**
   * See {@link SwitchboardEvents#invocationStarted}.
   *
   * @return the start time for {@link #invocationFinished}, 0 when nobody listens
   */
  public long invocationStarted(String hub, String method) {
    if (!enabled) {
      return 0;
    }
    try {
      listener.invocationStarted(hub, method);
    } catch (RuntimeException e) {
      LISTENER_FAILURES.warn("A SwitchboardEvents listener failed; ignored", e);
    }
    return System.nanoTime();
  }

  /** See {@link SwitchboardEvents#invocationFinished}; {@code startNanos} from {@link #invocationStarted}. */
  public void invocationFinished(
      String hub, String method, InvocationOutcome outcome, long startNanos) {
    if (enabled) {
      try {
        listener.invocationFinished(hub, method, outcome, System.nanoTime() - startNanos);
      } catch (RuntimeException e) {
        LISTENER_FAILURES.warn("A SwitchboardEvents listener failed; ignored", e);
      }
    }
  }

  /** See {@link SwitchboardEvents#messageReceived(String, String, String, int)}. */
  public void messageReceived(String connectionId, String protocol, int bytes) {
    if (enabled) {
      try {
        listener.messageReceived(endpoint, connectionId, protocol, bytes);
      } catch (RuntimeException e) {
        LISTENER_FAILURES.warn("A SwitchboardEvents listener failed; ignored", e);
      }
    }
  }

  /** See {@link SwitchboardEvents#messageSent(String, String, String, int)}. */
  public void messageSent(String connectionId, String protocol, int bytes) {
    if (enabled) {
      try {
        listener.messageSent(endpoint, connectionId, protocol, bytes);
      } catch (RuntimeException e) {
        LISTENER_FAILURES.warn("A SwitchboardEvents listener failed; ignored", e);
      }
    }
  }

  /** See {@link SwitchboardEvents#slowClientDropped}. */
  public void slowClientDropped(String connectionId, SlowClientReason reason) {
    if (enabled) {
      try {
        listener.slowClientDropped(endpoint, connectionId, reason);
      } catch (RuntimeException e) {
        LISTENER_FAILURES.warn("A SwitchboardEvents listener failed; ignored", e);
      }
    }
  }

  /** See {@link SwitchboardEvents#outboundPressureChanged}. */
  public void outboundPressureChanged(String connectionId, boolean pressured, LongSupplier queuedBytes) {
    if (enabled) {
      try {
        listener.outboundPressureChanged(endpoint, connectionId, pressured, queuedBytes);
      } catch (RuntimeException e) {
        LISTENER_FAILURES.warn("A SwitchboardEvents listener failed; ignored", e);
      }
    }
  }

  /**
   * See {@link SwitchboardEvents#streamStarted}.
   *
   * @return the start time for {@link #streamFinished}, 0 when nobody listens
   */
  public long streamStarted(String hub, String method, StreamDirection direction) {
    if (!enabled) {
      return 0;
    }
    try {
      listener.streamStarted(hub, method, direction);
    } catch (RuntimeException e) {
      LISTENER_FAILURES.warn("A SwitchboardEvents listener failed; ignored", e);
    }
    return System.nanoTime();
  }

  /** See {@link SwitchboardEvents#streamFinished}; {@code startNanos} from {@link #streamStarted}. */
  public void streamFinished(
      String hub,
      String method,
      StreamDirection direction,
      StreamOutcome outcome,
      long items,
      long startNanos) {
    if (enabled) {
      try {
        listener.streamFinished(
            hub, method, direction, outcome, items, System.nanoTime() - startNanos);
      } catch (RuntimeException e) {
        LISTENER_FAILURES.warn("A SwitchboardEvents listener failed; ignored", e);
      }
    }
  }
}
