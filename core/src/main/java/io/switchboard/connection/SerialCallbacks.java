package io.switchboard.connection;

import java.util.ArrayDeque;

/**
 * Runs one connection's lifecycle callbacks ({@code onConnected}, transport lost / re-attached,
 * {@code onClosed}) one at a time and in submission order, without a thread of its own: the
 * submitting thread runs the queue unless another thread already does. Transports on different
 * event loops (a dying socket and its replacement) can therefore never overlap or reorder them.
 *
 * <p>The queue exists only while callbacks wait or run: a connection spends its life idle between
 * them, and every idle connection would otherwise carry an empty queue.
 */
final class SerialCallbacks {
  // Guarded by this.
  private ArrayDeque<Runnable> queue;
  private boolean running;

  /** Runs {@code callback} now, or after the callbacks submitted before it. */
  void run(Runnable callback) {
    synchronized (this) {
      if (queue == null) {
        queue = new ArrayDeque<>(4);
      }
      queue.add(callback);
      if (running) {
        return; // the running thread takes it
      }
      running = true;
    }
    boolean finished = false;
    try {
      for (Runnable next = next(); next != null; next = next()) {
        next.run();
      }
      finished = true;
    } finally {
      if (!finished) {
        synchronized (this) {
          running = false; // the rest runs with the next submission
        }
      }
    }
  }

  /** The next callback, or null after releasing the turn when there is none. */
  private synchronized Runnable next() {
    Runnable next = queue.poll();
    if (next == null) {
      queue = null;
      running = false;
    }
    return next;
  }
}
