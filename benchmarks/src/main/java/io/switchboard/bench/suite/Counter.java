package io.switchboard.bench.suite;

/**
 * A count written by one thread (the client's event loop) and read by others: a volatile field
 * with no read-modify-write atomics, which a single writer does not need.
 */
final class Counter {
  private volatile long value;

  /** Adds {@code n}; single writer only. */
  void add(long n) {
    value = value + n;
  }

  /** The current count. */
  long get() {
    return value;
  }
}
