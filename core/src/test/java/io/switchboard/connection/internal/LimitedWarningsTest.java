package io.switchboard.connection.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LimitedWarningsTest {
  private final RecordingLogger log = new RecordingLogger();
  private final AtomicLong now = new AtomicLong(1_000);
  private final List<Runnable> timers = new ArrayList<>();
  private final LimitedWarnings warnings =
      new LimitedWarnings(log, "sending failed", 3, Duration.ofSeconds(10), now::get, timers::add);

  @Test
  void aMassFailureLogsTheFirstFewThenOneSummary() {
    for (int i = 0; i < 500; i++) {
      warnings.warn("Connection {}: sending failed; closing", "c" + i);
    }

    assertEquals(
        List.of(
            "WARN Connection c0: sending failed; closing",
            "WARN Connection c1: sending failed; closing",
            "WARN Connection c2: sending failed; closing"),
        log.lines().stream().filter(line -> line.startsWith("WARN")).toList());
    assertEquals(497, log.count("DEBUG Connection"));
    assertEquals(1, timers.size(), "one summary is due, however many were held back");

    timers.get(0).run();

    assertEquals("WARN Suppressed 497 similar warnings: sending failed", last());
  }

  @Test
  void afterTheSummaryANewIntervalLogsAgain() {
    for (int i = 0; i < 4; i++) {
      warnings.warn("w{}", i);
    }
    timers.get(0).run();

    warnings.warn("again");

    assertEquals("WARN again", last());
  }

  @Test
  void warningsSpreadOverIntervalsAreAllLogged() {
    for (int i = 0; i < 9; i++) {
      warnings.warn("w{}", i);
      now.addAndGet(Duration.ofSeconds(4).toNanos());
    }

    assertEquals(9, log.count("WARN w"));
    assertEquals(List.of(), timers);
  }

  @Test
  void aLimitBelowOneIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new LimitedWarnings(log, "x", 0, Duration.ofSeconds(1)));
  }

  private String last() {
    List<String> lines = log.lines();
    return lines.get(lines.size() - 1);
  }
}
