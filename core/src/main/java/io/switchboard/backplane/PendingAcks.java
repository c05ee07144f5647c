package io.switchboard.backplane;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Group commands sent to other servers that wait for their ack, by command id. Ids count up from
 * 1 per server and wrap around like .NET's {@code Interlocked.Increment}. An unacknowledged command
 * fails after the timeout: its connection exists nowhere, or its server is gone.
 */
final class PendingAcks {
  /** A registered command: its id, and the future its ack completes. */
  record Pending(int id, CompletableFuture<Void> acked) {}

  private final AtomicInteger lastId = new AtomicInteger();
  private final Map<Integer, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
  private final Duration timeout;

  PendingAcks(Duration timeout) {
    this.timeout = timeout;
  }

  /** Registers a new command; {@code description} names it in the timeout's message. */
  Pending register(String description) {
    int id = lastId.incrementAndGet();
    CompletableFuture<Void> acked = new CompletableFuture<>();
    pending.put(id, acked);
    acked.whenComplete((ignored, error) -> pending.remove(id, acked));
    CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .execute(
            () ->
                acked.completeExceptionally(
                    new TimeoutException(
                        "No server acknowledged " + description + " within " + timeout.toMillis()
                            + " ms: the connection does not exist or its server is unreachable.")));
    return new Pending(id, acked);
  }

  /** The ack of command {@code id} arrived. */
  void acknowledge(int id) {
    CompletableFuture<Void> acked = pending.remove(id);
    if (acked != null) {
      acked.complete(null);
    }
  }

  /** Fails every waiting command (the manager is closing). */
  void cancelAll() {
    for (Integer id : pending.keySet()) {
      CompletableFuture<Void> acked = pending.remove(id);
      if (acked != null) {
        acked.completeExceptionally(new CancellationException("The lifetime manager was closed."));
      }
    }
  }
}
