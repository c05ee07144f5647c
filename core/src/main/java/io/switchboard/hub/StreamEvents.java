package io.switchboard.hub;

import io.switchboard.events.EndpointEvents;
import io.switchboard.events.StreamDirection;
import io.switchboard.events.StreamOutcome;

/**
 * Reports one stream to the connection's {@link EndpointEvents}: its start, its items (counted by
 * the stream's one writer) and its end. Nothing is counted, nor allocated, when nobody listens.
 */
final class StreamEvents {
  private static final StreamEvents OFF =
      new StreamEvents(EndpointEvents.NONE, "", "", StreamDirection.SERVER_TO_CLIENT);

  private final EndpointEvents events;
  private final String hub;
  private final String method;
  private final StreamDirection direction;
  private final long started;
  private volatile long items;

  private StreamEvents(EndpointEvents events, String hub, String method, StreamDirection direction) {
    this.events = events;
    this.hub = hub;
    this.method = method;
    this.direction = direction;
    this.started = events.streamStarted(hub, method, direction);
  }

  /** The stream of {@code method} starts. */
  static StreamEvents start(
      HubConnectionContext caller, HubRuntime<?> hub, String method, StreamDirection direction) {
    EndpointEvents events = caller.events();
    return events.enabled()
        ? new StreamEvents(events, hub.hubClass.getSimpleName(), method, direction)
        : OFF;
  }

  /** One more item went through; called by the stream's one writer only. */
  void item() {
    if (events.enabled()) {
      items++; // single writer: no lost update
    }
  }

  /** The stream ended; called once. */
  void finished(StreamOutcome outcome) {
    if (events.enabled()) {
      events.streamFinished(hub, method, direction, outcome, items, started);
    }
  }
}
