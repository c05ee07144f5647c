package io.switchboard.bench.suite;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A warm-up followed by a measured window: how much a counter grew, how long it took and how much
 * CPU the server process used meanwhile.
 *
 * @param count growth of the counter in the window
 * @param nanos length of the window
 * @param serverCpuNanos server CPU time in the window (-1 when unknown)
 */
record Window(long count, long nanos, long serverCpuNanos) {

  /** Sleeps through the warm-up, then samples {@code counter} over the measured window. */
  static Window measure(ScenarioContext context, LongSupplier counter, long warmupMillis, long measureMillis)
      throws InterruptedException {
    Thread.sleep(warmupMillis);
    long count0 = counter.getAsLong();
    long cpu0 = context.server().cpuNanos();
    long t0 = System.nanoTime();
    Thread.sleep(measureMillis);
    long count1 = counter.getAsLong();
    long t1 = System.nanoTime();
    long cpu1 = context.server().cpuNanos();
    return new Window(count1 - count0, t1 - t0, cpu0 < 0 || cpu1 < 0 ? -1 : cpu1 - cpu0);
  }

  /** Counted events per second. */
  double rate() {
    return count * 1e9 / nanos;
  }

  /**
   * {@code server_cpu_us_per_<what>=... server_cpu_util=...}: server CPU microseconds per counted
   * event, and the share of one core the server used.
   */
  String cpuDetail(String what) {
    if (serverCpuNanos < 0 || count == 0) {
      return "server_cpu=unknown";
    }
    return String.format(
        Locale.ROOT,
        "server_cpu_us_per_%s=%.3f server_cpu_util=%.2f",
        what,
        serverCpuNanos / 1e3 / count,
        (double) serverCpuNanos / nanos);
  }
}
