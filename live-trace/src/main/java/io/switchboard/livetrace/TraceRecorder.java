package io.switchboard.livetrace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.connection.TransportType;
import io.switchboard.events.ConnectionStatus;
import io.switchboard.events.InvocationOutcome;
import io.switchboard.events.SlowClientReason;
import io.switchboard.events.SwitchboardEvents;
import io.switchboard.hub.HubCallerContext;
import io.switchboard.hub.HubException;
import io.switchboard.hub.HubFilter;
import io.switchboard.hub.HubInvocationContext;
import io.switchboard.hub.HubLifetimeContext;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Turns what the server reports into {@link TraceEvent}s on a {@link TraceRing}, only while a
 * viewer is open: the events SPI for connections ending, messages and slow clients, and a global
 * hub filter for what only hubs know (the user of a connection, the connection of an invocation).
 * Each call checks one volatile field when nobody watches.
 */
final class TraceRecorder implements SwitchboardEvents, HubFilter {
  private static final double NANOS_PER_MILLI = 1e6;

  private final TraceRing ring;
  private final ObjectMapper json = new ObjectMapper();

  TraceRecorder(TraceRing ring) {
    this.ring = ring;
  }

  @Override
  public void onConnected(HubLifetimeContext lifetime, LifetimeNext next) throws Exception {
    if (ring.watched()) {
      HubCallerContext caller = lifetime.context();
      publish(
          new TraceEvent(
              System.currentTimeMillis(), "connected", hubName(lifetime.hub()), null,
              caller.connectionId(), caller.userIdentifier(), wireName(caller.transportType()),
              null, null, null, null, null, null));
    }
    next.proceed(lifetime);
  }

  /**
   * Times the invocation up to its result (a returned {@link CompletionStage} included; a stream
   * counts as done once the method returned it).
   */
  @Override
  public Object invokeMethod(HubInvocationContext invocation, InvocationNext next) throws Exception {
    if (!ring.watched()) {
      return next.invoke(invocation);
    }
    long started = System.nanoTime();
    Object result;
    try {
      result = next.invoke(invocation);
    } catch (Exception e) {
      invoked(invocation, e, started);
      throw e;
    }
    if (result instanceof CompletionStage<?> stage) {
      stage.whenComplete((value, error) -> invoked(invocation, error, started));
    } else {
      invoked(invocation, null, started);
    }
    return result;
  }

  @Override
  public void connectionClosed(
      String endpoint,
      String connectionId,
      TransportType transport,
      ConnectionStatus status,
      Throwable error,
      long durationNanos) {
    if (ring.watched()) {
      publish(
          new TraceEvent(
              System.currentTimeMillis(), "disconnected", null, endpoint, connectionId, null,
              wireName(transport), null, null, status.tagValue(), messageOf(error),
              durationNanos / NANOS_PER_MILLI, null));
    }
  }

  @Override
  public void messageReceived(String endpoint, String connectionId, String protocol, int bytes) {
    message("received", endpoint, connectionId, protocol, bytes);
  }

  @Override
  public void messageSent(String endpoint, String connectionId, String protocol, int bytes) {
    message("sent", endpoint, connectionId, protocol, bytes);
  }

  @Override
  public void slowClientDropped(String endpoint, String connectionId, SlowClientReason reason) {
    if (ring.watched()) {
      publish(
          new TraceEvent(
              System.currentTimeMillis(), "slow-client-dropped", null, endpoint, connectionId,
              null, null, null, null, reason.tagValue(), null, null, null));
    }
  }

  private void message(String type, String endpoint, String connectionId, String protocol, int bytes) {
    if (ring.watched()) {
      publish(
          new TraceEvent(
              System.currentTimeMillis(), type, null, endpoint, connectionId, null, null,
              protocol, null, null, null, null, bytes));
    }
  }

  private void invoked(HubInvocationContext invocation, Throwable error, long started) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    HubCallerContext caller = invocation.context();
    publish(
        new TraceEvent(
            System.currentTimeMillis(), "invocation", hubName(invocation.hub()), null,
            caller.connectionId(), caller.userIdentifier(), null, null, invocation.methodName(),
            outcomeOf(cause).tagValue(), messageOf(cause),
            (System.nanoTime() - started) / NANOS_PER_MILLI, null));
  }

  private void publish(TraceEvent event) {
    try {
      ring.publish(json.writeValueAsString(event));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A trace event cannot be written as JSON", e);
    }
  }

  private static InvocationOutcome outcomeOf(Throwable error) {
    if (error == null) {
      return InvocationOutcome.SUCCESS;
    }
    return error instanceof HubException ? InvocationOutcome.HUB_ERROR : InvocationOutcome.ERROR;
  }

  private static String hubName(Object hub) {
    return hub.getClass().getSimpleName();
  }

  private static String wireName(TransportType transport) {
    return transport == null ? null : transport.wireName();
  }

  private static String messageOf(Throwable error) {
    if (error == null) {
      return null;
    }
    return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
  }
}
