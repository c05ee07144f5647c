package io.switchboard.bench.suite;

import io.switchboard.bench.client.FlowRun;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Named counters (CPU times from /proc, message counts, ...) sampled at both edges of a measured
 * window; a counter that reads -1 is unknown.
 */
final class Deltas implements FlowRun.Edges {
  private final Map<String, LongSupplier> counters = new LinkedHashMap<>();
  private final Map<String, Long> begin = new LinkedHashMap<>();
  private final Map<String, Long> end = new LinkedHashMap<>();

  /** Adds a counter; returns this. */
  Deltas add(String name, LongSupplier counter) {
    counters.put(name, counter);
    return this;
  }

  @Override
  public void begin() {
    counters.forEach((name, counter) -> begin.put(name, counter.getAsLong()));
  }

  @Override
  public void end() {
    counters.forEach((name, counter) -> end.put(name, counter.getAsLong()));
  }

  /** Growth of {@code name} over the window, or -1 if unknown. */
  long delta(String name) {
    long a = begin.getOrDefault(name, -1L);
    long b = end.getOrDefault(name, -1L);
    return a < 0 || b < 0 ? -1 : b - a;
  }

  /**
   * {@code <name>_cpu_us_per_<what>=.. <name>_cpu_util=..} for the CPU counter {@code name}
   * (nanoseconds), over {@code count} events in {@code nanos}.
   */
  String cpu(String name, long count, long nanos, String what) {
    long cpu = delta(name);
    if (cpu < 0 || count <= 0) {
      return name + "_cpu=unknown";
    }
    return String.format(
        Locale.ROOT, "%s_cpu_us_per_%s=%.3f %s_cpu_util=%.2f", name, what, cpu / 1e3 / count, name, (double) cpu / nanos);
  }
}
