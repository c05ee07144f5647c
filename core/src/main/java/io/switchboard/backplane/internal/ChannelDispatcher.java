package io.switchboard.backplane.internal;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the handlers of received messages on an executor, in order per channel and one at a time
 * per channel, while different channels proceed in parallel. Bus implementations hand messages
 * over to it from their I/O thread. Thread-safe.
 */
public final class ChannelDispatcher {
  private static final Logger log = LoggerFactory.getLogger(ChannelDispatcher.class);

  private final Executor executor;
  /** Channels with work queued or running; guarded by itself. */
  private final Map<String, Queue<Runnable>> active = new HashMap<>();

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
    boolean start;
    synchronized (active) {
      Queue<Runnable> queue = active.get(channel);
      start = queue == null;
      if (start) {
        queue = new ArrayDeque<>();
        active.put(channel, queue);
      }
      queue.add(task);
    }
    if (start) {
      executor.execute(() -> drain(channel));
    }
  }

  private void drain(String channel) {
    while (true) {
      Runnable next;
      synchronized (active) {
        Queue<Runnable> queue = active.get(channel);
        next = queue.peek();
        if (next == null) {
          active.remove(channel);
          return;
        }
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        log.error("Handler of backplane channel {} failed", channel, e);
      }
      synchronized (active) {
        active.get(channel).remove();
      }
    }
  }
}
