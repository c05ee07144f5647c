package io.switchboard.backplane.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.connection.internal.WriteBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChannelDispatcherTest {
  private final ExecutorService threads = ChannelDispatcher.daemonThreads("dispatcher-test");

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  /** Runs what it is given when the test says so. */
  private static final class ManualExecutor implements java.util.concurrent.Executor {
    final Queue<Runnable> submitted = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
      submitted.add(task);
    }

    void runAll() {
      Runnable task;
      while ((task = submitted.poll()) != null) {
        task.run();
      }
    }
  }

  @Test
  void tasksOfOneChannelRunInOrderAndOneAtATimeFromManyDispatchingThreads() throws Exception {
    ChannelDispatcher dispatcher = new ChannelDispatcher(threads);
    int perThread = 2_000;
    List<String> channels = List.of("a", "b", "c");
    Map<String, List<String>> seen = new ConcurrentHashMap<>();
    Map<String, AtomicBoolean> running = new ConcurrentHashMap<>();
    AtomicBoolean overlapped = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(2 * perThread * channels.size());
    for (String channel : channels) {
      seen.put(channel, new ArrayList<>());
      running.put(channel, new AtomicBoolean());
    }
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      String sender = "t" + t;
      Thread thread =
          new Thread(
                  () -> {
                    for (int i = 0; i < perThread; i++) {
                      for (String channel : channels) {
                        String item = sender + ":" + i;
                        dispatcher.dispatch(
                            channel,
                            () -> {
                              if (!running.get(channel).compareAndSet(false, true)) {
                                overlapped.set(true);
                              }
                              seen.get(channel).add(item);
                              running.get(channel).set(false);
                              done.countDown();
                            });
                      }
                    }
                  });
      thread.start();
      senders.add(thread);
    }
    for (Thread sender : senders) {
      sender.join();
    }
    assertTrue(done.await(30, TimeUnit.SECONDS), "every task ran");
    assertFalse(overlapped.get(), "two tasks of one channel never run at once");
    for (String channel : channels) {
      for (int t = 0; t < 2; t++) {
        String prefix = "t" + t + ":";
        List<String> ofSender = seen.get(channel).stream().filter(item -> item.startsWith(prefix)).toList();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < perThread; i++) {
          expected.add(prefix + i);
        }
        assertEquals(expected, ofSender, "order of " + prefix + " on " + channel);
      }
    }
  }

  @Test
  void differentChannelsProceedInParallel() throws Exception {
    ChannelDispatcher dispatcher = new ChannelDispatcher(threads);
    CountDownLatch bRan = new CountDownLatch(1);
    CountDownLatch aSawB = new CountDownLatch(1);
    dispatcher.dispatch(
        "a",
        () -> {
          try {
            if (bRan.await(30, TimeUnit.SECONDS)) {
              aSawB.countDown();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    dispatcher.dispatch("b", bRan::countDown);
    assertTrue(aSawB.await(30, TimeUnit.SECONDS), "b ran while a's task was still running");
  }

  @Test
  void aBurstRunsInOneWriteBatchAndAFailingTaskDoesNotStopTheChannel() {
    ManualExecutor executor = new ManualExecutor();
    ChannelDispatcher dispatcher = new ChannelDispatcher(executor);
    Object loop = new Object();
    List<String> pieces = new ArrayList<>();
    List<String> ran = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String item = "m" + i;
      dispatcher.dispatch(
          "all",
          () -> {
            ran.add(item);
            WriteBatch.piece(loop, () -> () -> pieces.add("handed over after " + ran));
            if (item.equals("m1")) {
              throw new IllegalStateException("handler failure (expected by the test)");
            }
          });
    }
    assertEquals(1, executor.submitted.size(), "one drain for the burst");
    executor.runAll();
    assertEquals(List.of("m0", "m1", "m2"), ran);
    assertEquals(List.of("handed over after [m0, m1, m2]"), pieces);
  }

  @Test
  void aBurstLongerThanABatchIsHandedOverInSeveralBatches() {
    ManualExecutor executor = new ManualExecutor();
    ChannelDispatcher dispatcher = new ChannelDispatcher(executor);
    Object loop = new Object();
    List<Integer> handedOver = new ArrayList<>();
    int[] count = new int[1];
    for (int i = 0; i < ChannelDispatcher.BATCH + 1; i++) {
      dispatcher.dispatch(
          "all",
          () -> {
            count[0]++;
            WriteBatch.piece(loop, () -> () -> handedOver.add(count[0]));
          });
    }
    executor.runAll();
    assertEquals(List.of(ChannelDispatcher.BATCH, ChannelDispatcher.BATCH + 1), handedOver);
  }

  @Test
  void aChannelThatRanDryStartsAgainOnItsNextTask() {
    ManualExecutor executor = new ManualExecutor();
    ChannelDispatcher dispatcher = new ChannelDispatcher(executor);
    List<String> ran = new ArrayList<>();
    dispatcher.dispatch("c", () -> ran.add("first"));
    executor.runAll();
    dispatcher.dispatch("c", () -> ran.add("second"));
    assertEquals(1, executor.submitted.size(), "a new drain once the channel ran dry");
    executor.runAll();
    assertEquals(List.of("first", "second"), ran);
  }
}
