package io.switchboard.hub;

import io.switchboard.events.EndpointEvents;
import io.switchboard.events.InvocationOutcome;

/** Reports a hub invocation's start and end to the connection's {@link EndpointEvents}. */
final class InvocationEvents {
  private InvocationEvents() {}

  /** The invocation of {@code target} starts; returns its start time (0 when nobody listens). */
  static long started(HubConnectionContext caller, HubRuntime<?> hub, String target) {
    EndpointEvents events = caller.events();
    return events.enabled() ? events.invocationStarted(hub.hubClass.getSimpleName(), target) : 0;
  }

  /** The invocation ended with {@code error} (null for success). */
  static void finished(
      HubConnectionContext caller, HubRuntime<?> hub, String target, Throwable error, long started) {
    EndpointEvents events = caller.events();
    if (events.enabled()) {
      events.invocationFinished(hub.hubClass.getSimpleName(), target, outcomeOf(error), started);
    }
  }

  private static InvocationOutcome outcomeOf(Throwable error) {
    if (error == null) {
      return InvocationOutcome.SUCCESS;
    }
    return error instanceof HubException ? InvocationOutcome.HUB_ERROR : InvocationOutcome.ERROR;
  }
}
