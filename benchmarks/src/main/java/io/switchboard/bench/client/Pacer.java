package io.switchboard.bench.client;

import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop schedule: call {@code k} is due at {@code start + k / rate}, whatever became of the
 * earlier ones. A thread of its own checks the clock every ~50 µs and hands the calls that fell due
 * to {@code executor} (the load generator's event loop, or any single thread), each with its
 * <em>scheduled</em> time, so that latencies measured from it correct for coordinated omission.
 * The schedule's resolution is about 0.1 ms (the park time on a virtual machine).
 */
public final class Pacer implements Runnable {
  private static final long PARK_NANOS = 50_000;

  /** What one paced call does; runs on the pacer's executor. */
  @FunctionalInterface
  public interface Call {
    /** Issues one call that was due at {@code scheduledNanos} (System.nanoTime). */
    void issue(long scheduledNanos);
  }

  private final Executor executor;
  private final double nanosPerCall;
  private final Call call;
  private volatile boolean running = true;

  /** @param rate calls per second */
  public Pacer(Executor executor, double rate, Call call) {
    this.executor = executor;
    this.nanosPerCall = 1e9 / rate;
    this.call = call;
  }

  /** Starts the schedule on a new thread named {@code name}; {@link #stop} ends it. */
  public Thread start(String name) {
    Thread thread = new Thread(this, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Ends the schedule; calls already handed to the executor still run. */
  public void stop() {
    running = false;
  }

  @Override
  public void run() {
    long start = System.nanoTime();
    long scheduled = 0;
    while (running) {
      long due = (long) ((System.nanoTime() - start) / nanosPerCall);
      if (due > scheduled) {
        long from = scheduled;
        long to = due;
        executor.execute(
            () -> {
              for (long k = from; k < to; k++) {
                call.issue(start + (long) (k * nanosPerCall));
              }
            });
        scheduled = due;
      }
      LockSupport.parkNanos(PARK_NANOS);
    }
  }
}
