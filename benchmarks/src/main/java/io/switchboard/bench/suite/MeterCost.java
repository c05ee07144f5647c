package io.switchboard.bench.suite;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's CPU per unit of work of one run, read back from its DETAIL facts (see {@link
 * Window#cpuDetail}), e.g. 13.7 µs per {@code msg}.
 */
record MeterCost(double micros, String per) {
  private static final Pattern CPU_PER_UNIT = Pattern.compile("server_cpu_us_per_(\\w+)=([0-9.]+)");

  /** The figure of {@code detail}, or null when the run has none (its CPU was not measured). */
  static MeterCost of(String detail) {
    Matcher matcher = CPU_PER_UNIT.matcher(detail);
    return matcher.find() ? new MeterCost(Double.parseDouble(matcher.group(2)), matcher.group(1)) : null;
  }

  /** This cost as a figure named {@code name}, in µs per unit. */
  Measurement measurement(String name) {
    return new Measurement(name, micros, "us/" + per, "");
  }
}
