package io.switchboard.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of any process of this machine, from {@code /proc/<pid>/stat}. */
final class ProcStat {
  private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

  private ProcStat() {}

  /** User plus system CPU time of process {@code pid} so far, in nanoseconds, or -1 if unknown. */
  static long cpuNanos(long pid) {
    if (pid <= 0) {
      return -1;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
      return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
