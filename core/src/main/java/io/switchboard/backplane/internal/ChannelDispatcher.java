package io.switchboard.backplane.internal;

import io.switchboard.connection.internal.WriteBatch;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the handlers of received messages on an executor, in order per channel and one at a time
 * per channel, while different channels proceed in parallel. Bus implementations hand messages
 * over to it from their I/O thread. Thread-safe, without a lock shared by all channels: a
 * channel's queue is only created and retired under the map's lock for that channel's key.
 *
 * <p>The handlers run in a row, up to {@value #BATCH} at a time, run in one {@link WriteBatch}:
 * the writes of a burst of messages reach each event loop of the transport in one task.
 */
public final class ChannelDispatcher {
  private static final Logger log = LoggerFactory.getLogger(ChannelDispatcher.class);
  /** Handlers per write batch: bounds how long the first one's writes wait for the hand-over. */
  static final int BATCH = 32;

  private final Executor executor;
  /** Channels with work queued or running. */
  private final ConcurrentHashMap<String, Queue<Runnable>> active = new ConcurrentHashMap<>();

  /** A dispatcher running handlers on {@code executor}. */
  public ChannelDispatcher(Executor executor) {
    this.executor = executor;
  }

  /**
   * A pool of daemon threads for handlers, created as needed and ended when idle, named {@code
   * {namePrefix}-{n}}. Its owner shuts it down.
   */
  public static ExecutorService daemonThreads(String namePrefix) {
    AtomicInteger count = new AtomicInteger();
    return Executors.newCachedThreadPool(
        task -> {
          Thread thread = new Thread(task, namePrefix + "-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  /** Runs {@code task} after every task given earlier for the same channel. */
  public void dispatch(String channel, Runnable task) {
    boolean[] start = new boolean[1];
    Queue<Runnable> queue =
        active.compute(
            channel,
            (key, tasks) -> {
              if (tasks == null) {
                tasks = new ConcurrentLinkedQueue<>();
                start[0] = true;
              }
              tasks.add(task);
              return tasks;
            });
    if (start[0]) {
      executor.execute(() -> drain(channel, queue));
    }
  }

  /** Runs the channel's tasks until its queue is retired empty. */
  private void drain(String channel, Queue<Runnable> queue) {
    while (true) {
      WriteBatch.run(() -> runSome(channel, queue));
      // Retired only while empty, under the key's lock that dispatch adds under.
      if (active.computeIfPresent(channel, (key, tasks) -> tasks.isEmpty() ? null : tasks) == null) {
        return;
      }
    }
  }

  private static void runSome(String channel, Queue<Runnable> queue) {
    Runnable next;
    for (int i = 0; i < BATCH && (next = queue.poll()) != null; i++) {
      try {
        next.run();
      } catch (RuntimeException e) {
        log.error("Handler of backplane channel {} failed", channel, e);
      }
    }
  }
}
