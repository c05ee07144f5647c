package io.switchboard.hub;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts one hub's connections whose end is not handled yet (their OnDisconnected has not run),
 * so that a shutdown waits for every OnDisconnected before the hub threads stop. A connection
 * leaves its endpoint's registry before its hub hears of the end, so the registry alone cannot
 * tell.
 */
final class PendingDisconnects {
  private final AtomicInteger pending = new AtomicInteger();
  private final CompletableFuture<Void> allHandled = new CompletableFuture<>();
  private volatile boolean awaited;

  /** A connection opened on the hub. */
  void opened() {
    pending.incrementAndGet();
  }

  /** A connection's end was handled: its OnDisconnected ran, or was skipped. */
  void handled() {
    if (pending.decrementAndGet() == 0 && awaited) {
      allHandled.complete(null);
    }
  }

  /** Completes once no connection's end is pending any more. */
  CompletableFuture<Void> whenAllHandled() {
    awaited = true;
    if (pending.get() == 0) {
      allHandled.complete(null);
    }
    return allHandled;
  }
}
