package io.switchboard.fuzz;

import java.lang.management.ManagementFactory;

/** How many bytes the current thread allocates (HotSpot's per-thread allocation counter). */
public final class Allocations {

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private Allocations() {}

  /** The current thread's allocation counter, in bytes. */
  public static long counter() {
    return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  /** The bytes allocated while {@code action} ran on this thread. */
  public static long during(Runnable action) {
    long before = counter();
    action.run();
    return counter() - before;
  }
}
