package io.switchboard.connection;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * Runs one connection's lifecycle callbacks ({@code onConnected}, transport lost / re-attached,
 * {@code onClosed}) one at a time and in submission order, without a thread of its own: the
 * submitting thread runs the queue unless another thread already does. Transports on different
 * event loops (a dying socket and its replacement) can therefore never overlap or reorder them.
 */
final class SerialCallbacks {
  private static final AtomicIntegerFieldUpdater<SerialCallbacks> RUNNING =
      AtomicIntegerFieldUpdater.newUpdater(SerialCallbacks.class, "running");

  private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
  /** 1 while a thread runs the queue; a field, not an AtomicBoolean, for idle-connection memory. */
  private volatile int running;

  /** Runs {@code callback} now, or after the callbacks submitted before it. */
  void run(Runnable callback) {
    queue.add(callback);
    // Re-check after releasing: a callback added between the last poll and the release would
    // otherwise wait for the next submission.
    while (!queue.isEmpty() && RUNNING.compareAndSet(this, 0, 1)) {
      try {
        for (Runnable next = queue.poll(); next != null; next = queue.poll()) {
          next.run();
        }
      } finally {
        running = 0;
      }
    }
  }
}
