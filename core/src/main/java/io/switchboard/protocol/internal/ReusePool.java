package io.switchboard.protocol.internal;

import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Supplier;

/**
 * Keeps a few idle reusable instances for all threads. Shared rather than per thread: hub methods
 * run on virtual threads on Java 21+, each living for one task, so a per-thread cache would never
 * be hit. {@link #acquire()} takes an instance out, so a re-entrant use (e.g. a serializer that
 * encodes another message) gets one of its own instead of corrupting the one in use.
 *
 * @param <T> the pooled type
 */
public final class ReusePool<T> {
  /**
   * How many idle instances a pool keeps at most: more than the threads that encode at once would
   * only hold memory.
   */
  public static final int MAX_IDLE = 64;

  private final Supplier<T> factory;
  private final Queue<T> idle = new ArrayBlockingQueue<>(MAX_IDLE);

  /** Creates a pool that makes new instances with {@code factory}. */
  public ReusePool(Supplier<T> factory) {
    this.factory = factory;
  }

  /** An idle instance, or a new one when none is idle. */
  public T acquire() {
    T item = idle.poll();
    return item != null ? item : factory.get();
  }

  /** Returns an instance for reuse; the caller must not touch it afterwards. */
  public void release(T item) {
    idle.offer(item); // dropped when the pool is full
  }
}
