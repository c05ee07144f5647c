package io.switchboard.connection.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * A warning that may come by the hundred at once: every connection failing together when the
 * network or the backplane goes, or at shutdown. The first {@code limit} warnings of an interval
 * are logged at WARN, the rest only at DEBUG; one interval after the first one held back, a single
 * WARN line says how many were ("Suppressed 480 similar warnings: sending failed") and a new
 * interval starts. Thread-safe; the lock is held only to count, never while logging.
 */
public final class LimitedWarnings {
  /** Warnings logged per interval before the rest are held back. */
  public static final int DEFAULT_LIMIT = 10;
  /** The interval the limit applies to. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

  private final Logger log;
  private final String kind;
  private final int limit;
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private final Consumer<Runnable> afterInterval;
  // Guarded by this.
  private long intervalStart;
  private int logged;
  private long suppressed;

  /** {@link #DEFAULT_LIMIT} warnings per {@link #DEFAULT_INTERVAL} on {@code log}. */
  public LimitedWarnings(Logger log, String kind) {
    this(log, kind, DEFAULT_LIMIT, DEFAULT_INTERVAL);
  }

  /**
   * @param kind what the warnings are about, for the summary line (e.g. {@code sending failed})
   * @param limit warnings logged at WARN per interval, at least 1
   */
  public LimitedWarnings(Logger log, String kind, int limit, Duration interval) {
    this(log, kind, limit, interval, System::nanoTime,
        // The JDK's shared delay timer: no thread of ours, and the summary is not logged on an event loop.
        task -> CompletableFuture.delayedExecutor(interval.toNanos(), TimeUnit.NANOSECONDS).execute(task));
  }

  /** With the clock and the timer given, for tests. */
  LimitedWarnings(
      Logger log,
      String kind,
      int limit,
      Duration interval,
      LongSupplier nanoClock,
      Consumer<Runnable> afterInterval) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    this.log = Objects.requireNonNull(log);
    this.kind = Objects.requireNonNull(kind);
    this.limit = limit;
    this.intervalNanos = interval.toNanos();
    this.nanoClock = nanoClock;
    this.afterInterval = afterInterval;
    this.intervalStart = nanoClock.getAsLong();
  }

  /** Logs at WARN, or at DEBUG when this interval's limit is reached (see the class comment). */
  public void warn(String format, Object... arguments) {
    Admission admission = admit();
    if (admission == Admission.LOG) {
      log.warn(format, arguments);
      return;
    }
    if (admission == Admission.FIRST_HELD_BACK) {
      afterInterval.accept(this::summarise);
    }
    if (log.isDebugEnabled()) {
      log.debug(format, arguments);
    }
  }

  private enum Admission {
    LOG,
    FIRST_HELD_BACK,
    HELD_BACK
  }

  private synchronized Admission admit() {
    if (suppressed == 0 && nanoClock.getAsLong() - intervalStart >= intervalNanos) {
      startInterval();
    }
    if (logged < limit) {
      logged++;
      return Admission.LOG;
    }
    return suppressed++ == 0 ? Admission.FIRST_HELD_BACK : Admission.HELD_BACK;
  }

  /** Runs one interval after the first warning held back: says how many were, starts anew. */
  void summarise() {
    long count;
    synchronized (this) {
      count = suppressed;
      startInterval();
    }
    log.warn("Suppressed {} similar warnings: {}", count, kind);
  }

  private void startInterval() {
    intervalStart = nanoClock.getAsLong();
    logged = 0;
    suppressed = 0;
  }
}
