package io.switchboard.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerialCallbacksTest {
  private final SerialCallbacks callbacks = new SerialCallbacks();

  @Test
  void aCallbackSubmittedFromACallbackRunsAfterIt() {
    List<String> order = new ArrayList<>();
    callbacks.run(
        () -> {
          callbacks.run(() -> order.add("second"));
          order.add("first");
        });
    assertEquals(List.of("first", "second"), order);
  }

  @Test
  void aFailingCallbackDoesNotBlockTheNextOnes() {
    assertThrows(
        IllegalStateException.class,
        () ->
            callbacks.run(
                () -> {
                  throw new IllegalStateException("boom");
                }));
    List<String> order = new ArrayList<>();
    callbacks.run(() -> order.add("after"));
    assertEquals(List.of("after"), order);
  }

  @Test
  void callbacksFromManyThreadsNeverOverlapAndAllRun() throws InterruptedException {
    int threads = 4;
    int perThread = 2_000;
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger ran = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker =
          new Thread(
              () -> {
                awaitQuietly(start);
                for (int i = 0; i < perThread; i++) {
                  callbacks.run(
                      () -> {
                        if (inside.incrementAndGet() != 1) {
                          overlaps.incrementAndGet();
                        }
                        ran.incrementAndGet();
                        inside.decrementAndGet();
                      });
                }
              });
      worker.start();
      workers.add(worker);
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    assertEquals(0, overlaps.get());
    assertEquals(threads * perThread, ran.get());
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
