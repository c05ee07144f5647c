package io.switchboard.bench.suite;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Connect-and-close cycles: each connection is closed as soon as it is ready. */
final class Cycles {
  private Cycles() {}

  /**
   * Opens up to {@code count} connections with {@code open} (which completes with what closes the
   * connection), at most {@code concurrency} at a time, within {@code maxMillis}; returns {ok, failed}.
   */
  static int[] run(Supplier<CompletableFuture<Runnable>> open, int count, int concurrency, long maxMillis)
      throws InterruptedException {
    Semaphore slots = new Semaphore(concurrency);
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    long deadline = ScenarioContext.deadline(maxMillis);
    for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
      if (!slots.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        break;
      }
      open.get()
          .whenComplete(
              (close, error) -> {
                (error == null ? ok : failed).incrementAndGet();
                if (close != null) {
                  close.run();
                }
                slots.release();
              });
    }
    slots.tryAcquire(concurrency, 10, TimeUnit.SECONDS);
    return new int[] {ok.get(), failed.get()};
  }
}
