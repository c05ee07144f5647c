package io.switchboard.livetrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The ring's numbering, overwriting and readers. */
class TraceRingTest {
  private final TraceRing ring = new TraceRing(3);

  @Test
  void keepsTheMostRecentEventsInOrder() {
    for (int i = 0; i < 5; i++) {
      ring.publish("e" + i);
    }
    assertEquals(5, ring.end());
    assertEquals(2, ring.start());
    for (long position = ring.start(); position < ring.end(); position++) {
      assertEquals(new TraceRing.Entry(position, "e" + position), ring.read(position));
    }
  }

  @Test
  void anOverwrittenEventReadsAsANewerOne() {
    for (int i = 0; i < 4; i++) {
      ring.publish("e" + i);
    }
    assertEquals(3, ring.read(0).sequence());
  }

  @Test
  void aPublisherThatStoresLateLeavesTheNewerEventInItsSlot() {
    for (int i = 0; i < 4; i++) {
      ring.publish("e" + i);
    }
    // Event 0's publisher, descheduled between taking its number and storing, stores now.
    ring.store(new TraceRing.Entry(0, "e0"));
    assertEquals(new TraceRing.Entry(3, "e3"), ring.read(3));
  }

  @Test
  void aSlotNotYetStoredReadsAsOlder() {
    assertEquals(-1, ring.read(0).sequence());
  }

  @Test
  void isWatchedWhileAReaderIsOpenAndWakesIt() {
    AtomicInteger wakeUps = new AtomicInteger();
    TraceRing.Reader first = wakeUps::incrementAndGet;
    TraceRing.Reader second = wakeUps::incrementAndGet;
    assertFalse(ring.watched());
    ring.open(first);
    ring.open(second);
    ring.publish("e");
    assertEquals(2, wakeUps.get());
    ring.close(first);
    assertTrue(ring.watched());
    ring.close(second);
    assertFalse(ring.watched());
    ring.publish("unread");
    assertEquals(2, wakeUps.get());
  }
}
