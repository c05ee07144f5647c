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
 * @param loadgenCpuNanos this process's CPU time in the window
 * @param serverContextSwitches context switches of the server's threads in the window (-1 if unknown)
 */
record Window(long count, long nanos, long serverCpuNanos, long loadgenCpuNanos, long serverContextSwitches) {

  /** Sleeps through the warm-up, then samples {@code counter} over the measured window. */
  static Window measure(ScenarioContext context, LongSupplier counter, long warmupMillis, long measureMillis)
      throws InterruptedException {
    Thread.sleep(warmupMillis);
    long count0 = counter.getAsLong();
    long cpu0 = context.server().cpuNanos();
    long own0 = ownCpuNanos();
    long switches0 = context.server().contextSwitches();
    long t0 = System.nanoTime();
    Thread.sleep(measureMillis);
    long count1 = counter.getAsLong();
    long t1 = System.nanoTime();
    long cpu1 = context.server().cpuNanos();
    long switches1 = context.server().contextSwitches();
    return new Window(
        count1 - count0,
        t1 - t0,
        cpu0 < 0 || cpu1 < 0 ? -1 : cpu1 - cpu0,
        ownCpuNanos() - own0,
        switches0 < 0 || switches1 < 0 ? -1 : switches1 - switches0);
  }

  /** CPU time of this whole process (the load generator), in nanoseconds. */
  static long ownCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
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
        (double) serverCpuNanos / nanos)
        + String.format(Locale.ROOT, " loadgen_cpu_util=%.2f", (double) loadgenCpuNanos / nanos)
        + (serverContextSwitches < 0
            ? ""
            : String.format(Locale.ROOT, " server_ctx_switches_per_%s=%.2f", what, (double) serverContextSwitches / count));
  }
}
