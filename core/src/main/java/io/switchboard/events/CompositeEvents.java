package io.switchboard.events;

import io.switchboard.connection.TransportType;
import java.util.List;

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
}
