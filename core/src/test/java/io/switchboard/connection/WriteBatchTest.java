package io.switchboard.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteBatchTest {

  @Test
  void outsideABatchNothingIsPutOff() {
    assertFalse(WriteBatch.defer(() -> {}));
  }

  @Test
  void handOversRunWhenTheOutermostBatchEndsInOrder() {
    List<String> events = new ArrayList<>();
    WriteBatch.run(
        () -> {
          assertTrue(WriteBatch.defer(() -> events.add("hand-over 1")));
          WriteBatch.run(() -> assertTrue(WriteBatch.defer(() -> events.add("hand-over 2"))));
          events.add("inner batch ended");
        });
    assertEquals(List.of("inner batch ended", "hand-over 1", "hand-over 2"), events);
    assertFalse(WriteBatch.defer(() -> {}), "the batch is closed once it ended");
  }

  @Test
  void aFailingHandOverDoesNotStopTheOthers() {
    List<String> events = new ArrayList<>();
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                WriteBatch.run(
                    () -> {
                      WriteBatch.defer(
                          () -> {
                            throw new IllegalStateException("first");
                          });
                      WriteBatch.defer(() -> events.add("second"));
                    }));
    assertEquals("first", thrown.getMessage());
    assertEquals(List.of("second"), events);
  }

  @Test
  void writesThatFailStillHandOverWhatWasQueued() {
    List<String> events = new ArrayList<>();
    assertThrows(
        IllegalArgumentException.class,
        () ->
            WriteBatch.run(
                () -> {
                  WriteBatch.defer(() -> events.add("handed over"));
                  throw new IllegalArgumentException("writer failed");
                }));
    assertEquals(List.of("handed over"), events);
  }
}
