package io.switchboard.events;

/**
 * The trace of one hub invocation, started by {@link SwitchboardTracer#invocationStarted}, or of
 * one connect or disconnect event ({@link SwitchboardTracer#onConnectedStarted}, {@link
 * SwitchboardTracer#onDisconnectedStarted}). The server {@linkplain #enter() enters} it on the hub
 * thread around the filters and the method (and around a stream's iteration), and {@linkplain #end
 * ends} it exactly once, when the method's result is known: its returned future completed, or its
 * stream ended; an event's trace once the event returned.
 */
public interface TracedInvocation {

  /** Traces nothing. */
  TracedInvocation NONE =
      new TracedInvocation() {
        @Override
        public Scope enter() {
          return Scope.NONE;
        }

        @Override
        public void end(Throwable error) {}
      };

  /** Makes the trace current on the calling thread until the returned scope is closed there. */
  Scope enter();

  /**
   * The invocation ended.
   *
   * @param error what the method, the event, a filter or the stream failed with; null for a
   *     success and for a stream the client cancelled
   */
  void end(Throwable error);

  /** Where a trace is current; closed on the thread that entered it. */
  interface Scope extends AutoCloseable {
    /** Enters and leaves nothing. */
    Scope NONE = () -> {};

    /** Restores what was current before {@link #enter()}. */
    @Override
    void close();
  }
}
