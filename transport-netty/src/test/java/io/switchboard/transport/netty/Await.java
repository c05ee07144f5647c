package io.switchboard.transport.netty;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** Waits for test events with a generous timeout; no test asserts how long anything takes. */
final class Await {
  static final long SECONDS = 10;

  private Await() {}

  static <T> T poll(BlockingQueue<T> queue) throws InterruptedException {
    T value = queue.poll(SECONDS, TimeUnit.SECONDS);
    assertNotNull(value, "nothing arrived within " + SECONDS + " s");
    return value;
  }
}
