package io.switchboard.events;

import io.switchboard.connection.TransportType;
import java.util.List;
import java.util.function.LongSupplier;

/** Several listeners as one, called in registration order (see {@link SwitchboardEvents#all}). */
final class CompositeEvents implements SwitchboardEvents {
  private final SwitchboardEvents[] listeners;

  CompositeEvents(List<SwitchboardEvents> listeners) {
    this.listeners = listeners.toArray(SwitchboardEvents[]::new);
  }

  @Override
  public void connectionOpened(String endpoint, String connectionId, TransportType transport) {
    for (SwitchboardEvents listener : listeners) {
      listener.connectionOpened(endpoint, connectionId, transport);
    }
  }

  @Override
  public void connectionClosed(
      String endpoint,
      String connectionId,
      TransportType transport,
      ConnectionStatus status,
      Throwable error,
      long durationNanos) {
    for (SwitchboardEvents listener : listeners) {
      listener.connectionClosed(endpoint, connectionId, transport, status, error, durationNanos);
    }
  }

  @Override
  public void invocationStarted(String hub, String method) {
    for (SwitchboardEvents listener : listeners) {
      listener.invocationStarted(hub, method);
    }
  }

  @Override
  public void invocationFinished(
      String hub, String method, InvocationOutcome outcome, long durationNanos) {
    for (SwitchboardEvents listener : listeners) {
      listener.invocationFinished(hub, method, outcome, durationNanos);
    }
  }

  @Override
  public void messageReceived(String endpoint, String connectionId, String protocol, int bytes) {
    for (SwitchboardEvents listener : listeners) {
      listener.messageReceived(endpoint, connectionId, protocol, bytes);
    }
  }

  @Override
  public void messageSent(String endpoint, String connectionId, String protocol, int bytes) {
    for (SwitchboardEvents listener : listeners) {
      listener.messageSent(endpoint, connectionId, protocol, bytes);
    }
  }

  @Override
  public void slowClientDropped(String endpoint, String connectionId, SlowClientReason reason) {
    for (SwitchboardEvents listener : listeners) {
      listener.slowClientDropped(endpoint, connectionId, reason);
    }
  }

  @Override
  public void outboundPressureChanged(
      String endpoint, String connectionId, boolean pressured, LongSupplier queuedBytes) {
    for (SwitchboardEvents listener : listeners) {
      listener.outboundPressureChanged(endpoint, connectionId, pressured, queuedBytes);
    }
  }

  @Override
  public void streamStarted(String hub, String method, StreamDirection direction) {
    for (SwitchboardEvents listener : listeners) {
      listener.streamStarted(hub, method, direction);
    }
  }

  @Override
  public void streamFinished(
      String hub,
      String method,
      StreamDirection direction,
      StreamOutcome outcome,
      long items,
      long durationNanos) {
    for (SwitchboardEvents listener : listeners) {
      listener.streamFinished(hub, method, direction, outcome, items, durationNanos);
    }
  }

  @Override
  public void backplanePublished(String hub, int bytes, long durationNanos) {
    for (SwitchboardEvents listener : listeners) {
      listener.backplanePublished(hub, bytes, durationNanos);
    }
  }

  @Override
  public void backplanePublishFailed(String hub, int bytes, Throwable error) {
    for (SwitchboardEvents listener : listeners) {
      listener.backplanePublishFailed(hub, bytes, error);
    }
  }

  @Override
  public void backplaneReceived(String hub, int bytes) {
    for (SwitchboardEvents listener : listeners) {
      listener.backplaneReceived(hub, bytes);
    }
  }

  @Override
  public void backplaneHealthChanged(boolean healthy) {
    for (SwitchboardEvents listener : listeners) {
      listener.backplaneHealthChanged(healthy);
    }
  }

  @Override
  public void backplaneMessagesMissed(String stream, long count) {
    for (SwitchboardEvents listener : listeners) {
      listener.backplaneMessagesMissed(stream, count);
    }
  }
}
