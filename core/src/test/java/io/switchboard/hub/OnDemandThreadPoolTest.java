package io.switchboard.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Java 17's hub pool starts a thread only when every running one is busy. */
class OnDemandThreadPoolTest {
  private OnDemandThreadPool pool;

  @AfterEach
  void shutdown() {
    pool.shutdownNow();
  }

  @Test
  void tasksOneAfterAnotherShareOneThread() throws Exception {
    pool = (OnDemandThreadPool) HubExecutors.platformPool(HubExecutors.BLOCKING_THREADS_ON_JAVA_17);
    for (int i = 1; i <= 300; i++) {
      pool.execute(() -> {});
      long done = i;
      HubThreadsTest.eventually("task " + i + " finished", () -> pool.getCompletedTaskCount() == done);
    }
    assertEquals(1, pool.getLargestPoolSize(), "one thread was always enough");
  }

  @Test
  void blockedTasksGetThreadsUpToTheMaximumAndTheRestWait() throws Exception {
    pool = new OnDemandThreadPool(3, 60, Thread::new);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(3);
    CountDownLatch finished = new CountDownLatch(5);
    for (int i = 0; i < 5; i++) {
      pool.execute(
          () -> {
            started.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            finished.countDown();
          });
    }
    assertTrue(started.await(20, TimeUnit.SECONDS), "three tasks run at once");
    assertEquals(3, pool.getPoolSize());
    assertEquals(2, pool.getQueue().size(), "the rest wait for a thread");
    release.countDown();
    assertTrue(finished.await(20, TimeUnit.SECONDS));
    assertEquals(3, pool.getLargestPoolSize());
  }

  @Test
  void aTaskQueuedAsTheOnlyIdleThreadEndsGetsAThread() throws Exception {
    pool = new OnDemandThreadPool(4, 60, Thread::new);
    pool.setKeepAliveTime(1, TimeUnit.MILLISECONDS);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch ran = new CountDownLatch(200);
    // One thread stays blocked; the others end when idle, racing the tasks queued for them.
    pool.execute(
        () -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    for (int i = 0; i < 200; i++) {
      pool.execute(ran::countDown);
      Thread.sleep(0, 100_000);
    }
    assertTrue(ran.await(20, TimeUnit.SECONDS), "no task waits for the blocked one");
    release.countDown();
  }

  @Test
  void afterShutdownTasksAreRefused() {
    pool = new OnDemandThreadPool(2, 60, Thread::new);
    pool.shutdown();
    assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> {}));
  }
}
