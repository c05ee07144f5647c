package io.switchboard.connection;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one connection's lifecycle callbacks ({@code onConnected}, transport lost / re-attached,
 * {@code onClosed}) one at a time and in submission order, without a thread of its own: the
 * submitting thread runs the queue unless another thread already does. Transports on different
 * event loops (a dying socket and its replacement) can therefore never overlap or reorder them.
 */
final class SerialCallbacks {
  private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean();

  /** Runs {@code callback} now, or after the callbacks submitted before it. */
  void run(Runnable callback) {
    queue.add(callback);
    // Re-check after releasing: a callback added between the last poll and the release would
    // otherwise wait for the next submission.
    while (!queue.isEmpty() && running.compareAndSet(false, true)) {
      try {
        for (Runnable next = queue.poll(); next != null; next = queue.poll()) {
          next.run();
        }
      } finally {
        running.set(false);
      }
    }
  }
}
