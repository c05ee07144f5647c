package io.switchboard.connection;

import java.util.ArrayList;
import java.util.List;

/**
 * A scope in which one thread writes to many connections at once (a broadcast): transports may
 * put off handing the writes to their I/O threads until the scope ends, and then hand them over
 * together. On Netty this makes a broadcast to thousands of connections cost one task and one
 * wake-up per event loop, instead of a wake-up whenever an event loop has caught up with the
 * writer.
 *
 * <p>Writes inside the scope are queued in order as usual; only their hand-over waits. Scopes
 * nest: an inner one joins the outer one.
 */
public final class WriteBatch {
  private static final ThreadLocal<WriteBatch> CURRENT = new ThreadLocal<>();

  private final List<Runnable> handOvers = new ArrayList<>(4);

  private WriteBatch() {}

  /** Runs {@code writes} in a batch. */
  public static void run(Runnable writes) {
    if (CURRENT.get() != null) {
      writes.run();
      return;
    }
    WriteBatch batch = new WriteBatch();
    CURRENT.set(batch);
    try {
      writes.run();
    } finally {
      CURRENT.remove();
      batch.end();
    }
  }

  /**
   * Puts off {@code handOver} until the current batch ends, for a transport.
   *
   * @return false when no batch is open on this thread: the caller hands over at once
   */
  public static boolean defer(Runnable handOver) {
    WriteBatch batch = CURRENT.get();
    if (batch == null) {
      return false;
    }
    batch.handOvers.add(handOver);
    return true;
  }

  private void end() {
    RuntimeException failure = null;
    for (Runnable handOver : handOvers) {
      try {
        handOver.run();
      } catch (RuntimeException e) {
        // Every other connection's writes still go out.
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
