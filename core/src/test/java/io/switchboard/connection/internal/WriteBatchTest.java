package io.switchboard.connection.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteBatchTest {
  private final List<String> events = new ArrayList<>();

  /** A transport's piece that records when it runs. */
  private final class Piece implements Runnable {
    private final String name;
    final List<String> writes = new ArrayList<>();

    Piece(String name) {
      this.name = name;
    }

    @Override
    public void run() {
      events.add(name + " " + writes);
    }
  }

  @Test
  void outsideABatchThereIsNoPiece() {
    assertNull(WriteBatch.piece("loop", () -> new Piece("loop")));
  }

  @Test
  void piecesGatherTheWritesOfTheOutermostBatchAndRunAtItsEndInOrderOfFirstUse() {
    Object loopA = new Object();
    Object loopB = new Object();
    WriteBatch.run(
        () -> {
          WriteBatch.piece(loopB, () -> new Piece("B")).writes.add("1");
          WriteBatch.run(() -> WriteBatch.piece(loopA, () -> new Piece("A")).writes.add("2"));
          Piece again = WriteBatch.piece(loopB, () -> new Piece("other B"));
          again.writes.add("3");
          assertSame(again, WriteBatch.piece(loopB, () -> new Piece("yet another B")));
          events.add("writes done");
        });
    assertEquals(List.of("writes done", "B [1, 3]", "A [2]"), events);
    assertNull(WriteBatch.piece(loopA, () -> new Piece("A")), "the batch is closed once it ended");
  }

  @Test
  void aFailingPieceDoesNotStopTheOthers() {
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                WriteBatch.run(
                    () -> {
                      WriteBatch.piece(
                          "first",
                          () ->
                              () -> {
                                throw new IllegalStateException("first");
                              });
                      WriteBatch.piece("second", () -> new Piece("second"));
                    }));
    assertEquals("first", thrown.getMessage());
    assertEquals(List.of("second []"), events);
  }

  @Test
  void whatWasGatheredGoesOutEvenWhenTheWriterFails() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            WriteBatch.run(
                () -> {
                  WriteBatch.piece("loop", () -> new Piece("loop")).writes.add("1");
                  throw new IllegalArgumentException("writer failed");
                }));
    assertEquals(List.of("loop [1]"), events);
  }

  @Test
  void whenTheWriterAndAPieceFailTheWritersFailureIsThrownWithThePiecesAttached() {
    IllegalArgumentException thrown =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                WriteBatch.run(
                    () -> {
                      WriteBatch.piece(
                          "loop",
                          () ->
                              () -> {
                                throw new IllegalStateException("piece failed");
                              });
                      throw new IllegalArgumentException("writer failed");
                    }));
    assertEquals("writer failed", thrown.getMessage());
    assertEquals("piece failed", thrown.getSuppressed()[0].getMessage());
  }
}
