package io.switchboard.protocol.internal;

import java.util.function.Supplier;

/**
 * Keeps one reusable instance per thread. {@link #acquire()} takes it out of the thread's slot, so
 * a re-entrant use on the same thread (e.g. a serializer that encodes another message) gets a fresh
 * instance instead of corrupting the one in use.
 *
 * @param <T> the cached type
 */
public final class PerThreadCache<T> {

  private static final class Slot<T> {
    T item;
  }

  private final Supplier<T> factory;
  private final ThreadLocal<Slot<T>> slots = ThreadLocal.withInitial(Slot::new);

  /** Creates a cache that makes new instances with {@code factory}. */
  public PerThreadCache(Supplier<T> factory) {
    this.factory = factory;
  }

  /** The thread's cached instance, or a new one when it is in use or not created yet. */
  public T acquire() {
    Slot<T> slot = slots.get();
    T item = slot.item;
    if (item == null) {
      return factory.get();
    }
    slot.item = null;
    return item;
  }

  /** Returns an instance for reuse by the same thread; the caller must not touch it afterwards. */
  public void release(T item) {
    Slot<T> slot = slots.get();
    if (slot.item == null) {
      slot.item = item;
    }
  }
}
