package io.switchboard.connection.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A scope in which one thread writes to many connections at once (a broadcast): transports may
 * gather the writes and hand them to their I/O threads together when the scope ends. On Netty this
 * makes a broadcast to thousands of connections cost one task per event loop, which then writes
 * to each channel in turn, instead of a queued message and a scheduled drain per connection.
 *
 * <p>A write inside the scope is accepted or refused at once, as usual; only its hand-over waits.
 * Scopes nest: an inner one joins the outer one.
 */
public final class WriteBatch {
  private static final ThreadLocal<WriteBatch> CURRENT = new ThreadLocal<>();

  /** Keys of the transports' pieces, in the order of {@link #pieces}: a few event loops at most. */
  private final List<Object> pieceKeys = new ArrayList<>(4);
  private final List<Runnable> pieces = new ArrayList<>(4);

  private WriteBatch() {}

  /** Runs {@code writes} in a batch. */
  public static void run(Runnable writes) {
    if (CURRENT.get() != null) {
      writes.run();
      return;
    }
    WriteBatch batch = new WriteBatch();
    CURRENT.set(batch);
    Throwable failure = null;
    try {
      writes.run();
    } catch (Throwable t) {
      failure = t;
      throw t;
    } finally {
      CURRENT.remove();
      try {
        batch.end();
      } catch (RuntimeException e) {
        if (failure == null) {
          throw e;
        }
        failure.addSuppressed(e); // the writer's failure is the one to report
      }
    }
  }

  /**
   * The current batch's piece for {@code key}, for a transport that gathers the batch's writes
   * (e.g. per event loop): made by {@code create} on first use, and run when the batch ends, in
   * the order of first use.
   *
   * @return null when no batch is open on this thread: the transport hands its write over at once
   */
  public static <T extends Runnable> T piece(Object key, Supplier<T> create) {
    WriteBatch batch = CURRENT.get();
    if (batch == null) {
      return null;
    }
    for (int i = 0; i < batch.pieceKeys.size(); i++) {
      if (batch.pieceKeys.get(i) == key) {
        @SuppressWarnings("unchecked")
        T piece = (T) batch.pieces.get(i);
        return piece;
      }
    }
    T piece = create.get();
    batch.pieceKeys.add(key);
    batch.pieces.add(piece);
    return piece;
  }

  private void end() {
    RuntimeException failure = null;
    for (Runnable piece : pieces) {
      try {
        piece.run();
      } catch (RuntimeException e) {
        // Every other piece's writes still go out.
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
