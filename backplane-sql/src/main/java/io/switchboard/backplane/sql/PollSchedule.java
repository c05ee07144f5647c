package io.switchboard.backplane.sql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The delays between reads of an idle table: IntelliTect's (and classic SignalR's) back-off,
 * 0 ms ×3, 10 ms ×3, 50 ms ×2, 100 ms ×2, 200 ms ×2, 1000 ms ×2, 1500 ms ×2, then 3000 ms on and
 * on, capped at a ceiling. Any row read starts it over. Not thread-safe: one per reader.
 */
final class PollSchedule {
  private static final long[][] STEPS = {
    {0, 3}, {10, 3}, {50, 2}, {100, 2}, {200, 2}, {1000, 2}, {1500, 2}, {3000, 1}
  };

  private final List<Long> delays;
  private int next;

  PollSchedule(Duration ceiling) {
    long max = ceiling.toMillis();
    List<Long> all = new ArrayList<>();
    for (long[] step : STEPS) {
      for (int i = 0; i < step[1]; i++) {
        all.add(Math.min(step[0], max));
      }
    }
    this.delays = List.copyOf(all);
  }

  /** The delay before the next read after an empty one. */
  long nextDelay() {
    long delay = delays.get(next);
    if (next < delays.size() - 1) {
      next++;
    }
    return delay;
  }

  /** Rows arrived: read again at once, then back off from the start. */
  void reset() {
    next = 0;
  }
}
