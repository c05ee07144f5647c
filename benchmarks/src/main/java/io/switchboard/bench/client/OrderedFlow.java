package io.switchboard.bench.client;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Messages from one sender to one receiver along an ordered path (e.g. node A → Redis → node B),
 * either closed-loop (at most {@code window} in flight, the next sent as one arrives) or paced
 * (a {@link Pacer} calls {@link #issue}); the latency of each is recorded by a {@link
 * LatencyProbe}. Sends are serialized by this object's lock; arrivals come from one thread.
 */
public final class OrderedFlow implements Pacer.Call {
  private static final int CAPACITY = 1 << 16;

  private final Runnable send;
  private final int window;
  private final LatencyProbe probe = new LatencyProbe(CAPACITY);
  private volatile boolean running = true;
  private volatile long sent;
  private volatile long arrived;
  private volatile long skipped;

  /**
   * @param send sends one message (called under this object's lock)
   * @param window messages in flight in closed loop; 0 for a paced flow
   */
  public OrderedFlow(Runnable send, int window) {
    this.send = send;
    this.window = window;
  }

  /** Closed loop: sends until {@code window} messages are in flight. */
  public synchronized void fill() {
    while (running && sent - arrived < window && probe.sent(System.nanoTime())) {
      send.run();
      sent++;
    }
  }

  /** Paced: sends one message due at {@code scheduledNanos}, unless the probe's ring is full. */
  @Override
  public synchronized void issue(long scheduledNanos) {
    if (!running) {
      return;
    }
    if (!probe.sent(scheduledNanos)) {
      skipped++;
      return;
    }
    send.run();
    sent++;
  }

  /** {@code count} messages reached the receiver now; in closed loop, sends as many again. */
  public void arrived(int count) {
    probe.arrived(count, System.nanoTime());
    arrived += count;
    if (window > 0) {
      fill();
    }
  }

  /** Stops sending. */
  public void stop() {
    running = false;
  }

  /** Messages that reached the receiver so far. */
  public long arrivals() {
    return arrived;
  }

  /** The latencies recorded since the previous call. */
  public Histogram interval() {
    return probe.interval();
  }

  /** After {@link #stop}: waits until every message sent arrived, or the timeout; returns those missing. */
  public long awaitDrained(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (arrived < sent && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    return sent - arrived;
  }

  /** {@code skipped=<paced calls the full ring refused> unmatched=<arrivals that matched no send>}. */
  public String counts() {
    return "skipped=" + skipped + " unmatched=" + probe.unmatched();
  }

  /** {@code samples=.. p50_us=.. p99_us=.. p999_us=.. max_us=..} of {@code h} (nanoseconds). */
  public static String percentiles(Histogram h) {
    return String.format(
        Locale.ROOT,
        "samples=%d p50_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f",
        h.getTotalCount(),
        h.getValueAtPercentile(50) / 1e3,
        h.getValueAtPercentile(99) / 1e3,
        h.getValueAtPercentile(99.9) / 1e3,
        h.getMaxValue() / 1e3);
  }
}
