package io.switchboard.livetrace;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The most recent trace events, numbered from 0, in a fixed number of slots, and the viewers that
 * read them. Publishing never waits: it takes the next number, overwrites the oldest slot and
 * wakes the viewers, each of which reads at its own pace from its own position; a viewer that
 * falls a whole ring behind skips what was overwritten (see {@link #read}). Thread-safe.
 */
final class TraceRing {
  /** One event: its number and its JSON text. */
  record Entry(long sequence, String json) {}

  /** A reader woken after each publication, on the publisher's thread: it must return at once. */
  interface Reader {
    void wake();
  }

  private final AtomicReferenceArray<Entry> slots;
  private final AtomicLong next = new AtomicLong();
  private final Set<Reader> readers = ConcurrentHashMap.newKeySet();
  private volatile boolean watched;

  TraceRing(int capacity) {
    slots = new AtomicReferenceArray<>(capacity);
  }

  /** Whether any reader is open: publishers skip building events otherwise. */
  boolean watched() {
    return watched;
  }

  /** Adds an event and wakes every reader. */
  void publish(String json) {
    store(new Entry(next.getAndIncrement(), json));
    for (Reader reader : readers) {
      reader.wake();
    }
  }

  /**
   * Puts {@code entry} in its slot unless a later publisher, a whole ring ahead, already put a
   * newer one there: an older entry left in the slot would read as "not stored yet" forever and
   * stall every viewer at that position until the ring came round again.
   */
  void store(Entry entry) {
    int slot = slot(entry.sequence());
    Entry held;
    do {
      held = slots.get(slot);
      if (held != null && held.sequence() > entry.sequence()) {
        return;
      }
    } while (!slots.compareAndSet(slot, held, entry));
  }

  /** The number the next event will get. */
  long end() {
    return next.get();
  }

  /** The number of the oldest event still held. */
  long start() {
    return Math.max(0, next.get() - slots.length());
  }

  /**
   * The event numbered {@code sequence} ({@code < end()}): the entry itself; an older entry
   * while its publisher has not stored it yet (read again after the next wake-up); or a newer one
   * when it was overwritten (go on from {@link #start()}).
   */
  Entry read(long sequence) {
    Entry entry = slots.get(slot(sequence));
    return entry == null ? new Entry(-1, null) : entry;
  }

  synchronized void open(Reader reader) {
    readers.add(reader);
    watched = true;
  }

  synchronized void close(Reader reader) {
    readers.remove(reader);
    watched = !readers.isEmpty();
  }

  private int slot(long sequence) {
    return (int) (sequence % slots.length());
  }
}
