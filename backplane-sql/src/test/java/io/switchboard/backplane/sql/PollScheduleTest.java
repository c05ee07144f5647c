package io.switchboard.backplane.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IntelliTect's polling back-off, its ceiling and its reset. */
class PollScheduleTest {

  @Test
  void backsOffAsIntelliTectThenStaysAtTheLastDelay() {
    PollSchedule schedule = new PollSchedule(Duration.ofSeconds(3));
    assertEquals(
        List.of(0L, 0L, 0L, 10L, 10L, 10L, 50L, 50L, 100L, 100L, 200L, 200L, 1000L, 1000L, 1500L, 1500L, 3000L, 3000L),
        delays(schedule, 18));
  }

  @Test
  void theCeilingCapsEveryDelayAndRowsStartItOver() {
    PollSchedule schedule = new PollSchedule(Duration.ofMillis(100));
    assertEquals(List.of(0L, 0L, 0L, 10L, 10L, 10L, 50L, 50L, 100L, 100L, 100L), delays(schedule, 11));
    schedule.reset();
    assertEquals(List.of(0L, 0L, 0L, 10L), delays(schedule, 4));
  }

  private static List<Long> delays(PollSchedule schedule, int count) {
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      delays.add(schedule.nextDelay());
    }
    return delays;
  }
}
