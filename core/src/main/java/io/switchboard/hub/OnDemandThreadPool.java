package io.switchboard.hub;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool of up to {@code maxThreads} platform threads that starts a thread only when a task finds
 * every running one busy, queues tasks beyond the maximum, and lets a thread end after it has been
 * idle for the keep-alive. A {@link ThreadPoolExecutor} with an unbounded queue starts a thread per
 * task until it reaches its core size, however many are idle: as the hub pool on Java 17 it grew
 * to 256 threads, each with its stack and thread-local caches, after a few hundred connects
 * however few hub methods ever ran at once.
 */
final class OnDemandThreadPool extends ThreadPoolExecutor {
  private static final Runnable NOTHING = () -> {};

  /** Tasks taken and not yet finished. */
  private final AtomicInteger unfinished = new AtomicInteger();
  private final Threads threads;

  OnDemandThreadPool(int maxThreads, long keepAliveSeconds, ThreadFactory factory) {
    this(maxThreads, keepAliveSeconds, new Threads(factory));
  }

  private OnDemandThreadPool(int maxThreads, long keepAliveSeconds, Threads threads) {
    super(
        0,
        maxThreads,
        keepAliveSeconds,
        TimeUnit.SECONDS,
        new StartingQueue(),
        threads,
        OnDemandThreadPool::queueAtMaximum);
    this.threads = threads;
    threads.pool = this;
    ((StartingQueue) getQueue()).pool = this;
  }

  @Override
  public void execute(Runnable task) {
    unfinished.incrementAndGet();
    try {
      super.execute(task);
    } catch (RuntimeException e) {
      unfinished.decrementAndGet();
      throw e;
    }
  }

  @Override
  protected void afterExecute(Runnable task, Throwable failure) {
    unfinished.decrementAndGet();
  }

  /** Whether a task should wait in the queue rather than start a thread: one is or will be free. */
  private boolean threadAvailable() {
    int running = threads.count.get();
    return unfinished.get() <= running || running >= getMaximumPoolSize();
  }

  /**
   * A thread ended (idle for the keep-alive): a task queued meanwhile for it, while every other
   * thread is busy, gets a new one.
   */
  private void threadEnded() {
    if (!isShutdown() && !getQueue().isEmpty() && !threadAvailable()) {
      execute(NOTHING);
    }
  }

  /** At the maximum (or losing a race to it) a task waits for a thread; after shutdown it is refused. */
  private static void queueAtMaximum(Runnable task, ThreadPoolExecutor pool) {
    if (pool.isShutdown()) {
      throw new RejectedExecutionException("The hub's threads are shut down");
    }
    ((StartingQueue) pool.getQueue()).queue(task);
  }

  /** Makes the pool's threads and counts those alive. */
  private static final class Threads implements ThreadFactory {
    private final ThreadFactory factory;
    private final AtomicInteger count = new AtomicInteger();
    private volatile OnDemandThreadPool pool;

    Threads(ThreadFactory factory) {
      this.factory = factory;
    }

    @Override
    public Thread newThread(Runnable worker) {
      Thread thread =
          factory.newThread(
              () -> {
                try {
                  worker.run();
                } finally {
                  count.decrementAndGet();
                  pool.threadEnded();
                }
              });
      count.incrementAndGet();
      return thread;
    }
  }

  /** Refuses a task while no thread is free and more may start, so that the pool starts one. */
  private static final class StartingQueue extends LinkedBlockingQueue<Runnable> {
    private transient OnDemandThreadPool pool;

    @Override
    public boolean offer(Runnable task) {
      return pool.threadAvailable() && super.offer(task);
    }

    void queue(Runnable task) {
      super.offer(task);
    }
  }
}
