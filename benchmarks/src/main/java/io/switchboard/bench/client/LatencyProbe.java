package io.switchboard.bench.client;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Latency of messages that arrive in the order they were sent (one sender, one ordered path, one
 * receiver): the send times wait in a ring, oldest first, and each arrival takes the oldest and
 * records {@code now - sent} in an HdrHistogram. One thread calls {@link #sent}, one thread calls
 * {@link #arrived} (they may differ); any thread reads {@link #interval}.
 */
public final class LatencyProbe {
  /** Latencies above this (60 s) are recorded as 60 s. */
  public static final long MAX_NANOS = 60_000_000_000L;

  private final long[] times;
  private final SingleWriterRecorder recorder = new SingleWriterRecorder(MAX_NANOS, 3);
  private volatile long tail; // written by the sending thread only
  private volatile long head; // written by the receiving thread only
  private volatile long unmatched; // written by the receiving thread only

  /** @param capacity most messages in flight (sent, not yet arrived) */
  public LatencyProbe(int capacity) {
    times = new long[capacity];
  }

  /** Notes a message sent (or scheduled) at {@code nanos}; false, noting nothing, if the ring is full. */
  public boolean sent(long nanos) {
    long t = tail;
    if (t - head == times.length) {
      return false;
    }
    times[(int) (t % times.length)] = nanos;
    tail = t + 1;
    return true;
  }

  /** {@code count} messages arrived at {@code nowNanos}: records their latencies. */
  public void arrived(int count, long nowNanos) {
    for (int i = 0; i < count; i++) {
      long h = head;
      if (h == tail) {
        unmatched++; // an arrival nobody sent: reported, never recorded
        continue;
      }
      long latency = nowNanos - times[(int) (h % times.length)];
      head = h + 1;
      recorder.recordValue(Math.max(0, Math.min(latency, MAX_NANOS)));
    }
  }

  /** The latencies recorded since the previous call (the first call: since creation). */
  public Histogram interval() {
    return recorder.getIntervalHistogram();
  }

  /** Messages sent and not arrived yet. */
  public long inFlight() {
    return tail - head;
  }

  /** Arrivals that matched no send (should be 0: a sign of reordering or duplicates). */
  public long unmatched() {
    return unmatched;
  }
}
