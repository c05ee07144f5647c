package io.switchboard.hub;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared threads of the hub layer: where hub methods run (virtual threads on Java 21+, a
 * bounded pool on 17), where connections' receive loops run, and the one-second heartbeat. Hub
 * methods never run on transport threads nor on the receive loops' threads.
 */
final class HubExecutors {
  /** How many hub methods may block at once on Java 17, where there are no virtual threads. */
  static final int BLOCKING_THREADS_ON_JAVA_17 = 256;

  private HubExecutors() {}

  private static final class Holder {
    static final ExecutorService INVOCATIONS = createInvocationExecutor();
    // Receive loops never block, so a thread per core serves them all; being apart from the
    // hub methods' threads, they go on (and end connections) however many of those are blocked.
    static final ExecutorService RECEIVE_LOOPS =
        Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            daemonThreads("switchboard-receive"));
    static final ScheduledExecutorService HEARTBEAT =
        Executors.newSingleThreadScheduledExecutor(daemonThreads("switchboard-heartbeat"));
  }

  /** The default executor of hub methods. */
  static ExecutorService invocations() {
    return Holder.INVOCATIONS;
  }

  /** Where connections parse and dispatch what they received; nothing there may block. */
  static ExecutorService receiveLoops() {
    return Holder.RECEIVE_LOOPS;
  }

  /** The scheduler of keep-alive pings and timeouts. */
  static ScheduledExecutorService heartbeat() {
    return Holder.HEARTBEAT;
  }

  private static ExecutorService createInvocationExecutor() {
    try {
      // Java 21+: a virtual thread per task, so blocking hub methods cost no platform thread.
      return (ExecutorService)
          MethodHandles.publicLookup()
              .findStatic(
                  Executors.class,
                  "newVirtualThreadPerTaskExecutor",
                  MethodType.methodType(ExecutorService.class))
              .invoke();
    } catch (Throwable java17) {
      return platformPool(BLOCKING_THREADS_ON_JAVA_17);
    }
  }

  /**
   * The executor of hub methods on Java 17. Hub methods may block (a JDBC call, an upload stream
   * waiting for the client's next item), so the pool is large; its threads start on demand and
   * end after a minute idle. More blocked methods than threads queue the rest: use Java 21+ or
   * HubOptions.executor.
   */
  static ExecutorService platformPool(int threads) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemonThreads("switchboard-hub"));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
