package io.switchboard.hub;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of the hub layer: where hub methods run (virtual threads on Java 21+, a bounded pool
 * on 17), where connections' receive loops run, and the one-second heartbeat that drives pings and
 * timeouts. Hub methods never run on transport threads, nor on the receive loops' threads unless
 * they declare they never block ({@link NonBlocking}). A server owns one set and closes it when it
 * stops; a {@link HubEndpoint} created without one owns its own, closed by {@link
 * HubEndpoint#close()}. No thread is shared between two servers of one JVM.
 */
public final class HubExecutors implements AutoCloseable {
  /** How many hub methods may block at once on Java 17, where there are no virtual threads. */
  static final int BLOCKING_THREADS_ON_JAVA_17 = 256;
  private static final long IDLE_SECONDS = 60;

  private final ExecutorService invocations = createInvocationExecutor();
  private final ThreadPoolExecutor receiveLoops;
  private final ScheduledThreadPoolExecutor heartbeat;

  private HubExecutors() {
    // Receive loops never block, so a thread per core serves them all; being apart from the
    // hub methods' threads, they go on (and end connections) however many of those are blocked.
    int cores = Math.max(2, Runtime.getRuntime().availableProcessors());
    receiveLoops =
        new ThreadPoolExecutor(
            cores,
            cores,
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemonThreads("switchboard-receive"));
    receiveLoops.allowCoreThreadTimeOut(true);
    heartbeat = new ScheduledThreadPoolExecutor(1, daemonThreads("switchboard-heartbeat"));
    heartbeat.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
    heartbeat.allowCoreThreadTimeOut(true);
    heartbeat.setRemoveOnCancelPolicy(true);
  }

  /** A new set of hub threads; each starts on demand and ends after a minute idle or on close. */
  public static HubExecutors create() {
    return new HubExecutors();
  }

  /** The default executor of hub methods. */
  ExecutorService invocations() {
    return invocations;
  }

  /** Where connections parse and dispatch what they received; nothing there may block. */
  ExecutorService receiveLoops() {
    return receiveLoops;
  }

  /**
   * The scheduler of keep-alive pings and timeouts, which a server's endpoints share for their
   * one-second expiry scans. Its tasks must not block.
   */
  public ScheduledExecutorService heartbeat() {
    return heartbeat;
  }

  /**
   * Stops the heartbeat and lets the receive loops and hub methods already queued end; their
   * threads then end. Call it once the connections are gone.
   */
  @Override
  public void close() {
    heartbeat.shutdownNow();
    receiveLoops.shutdown();
    invocations.shutdown();
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
   * waiting for the client's next item), so the pool is large; a thread starts only when every
   * running one is busy, and ends after a minute idle. More blocked methods than threads queue the rest: use Java 21+ or
   * HubOptions.executor.
   */
  static ExecutorService platformPool(int threads) {
    return new OnDemandThreadPool(threads, IDLE_SECONDS, daemonThreads("switchboard-hub"));
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
