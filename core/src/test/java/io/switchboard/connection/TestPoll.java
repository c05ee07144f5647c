package io.switchboard.connection;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A long poll whose answer a test can wait for. */
final class TestPoll implements LongPoll {
  final CompletableFuture<TransportResponse> answer = new CompletableFuture<>();
  private final ScheduledExecutorService executor;

  TestPoll(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  @Override
  public ScheduledExecutorService executor() {
    return executor;
  }

  @Override
  public void respond(TransportResponse response) {
    if (!answer.complete(response)) {
      throw new AssertionError("answered twice");
    }
  }

  TransportResponse await() throws Exception {
    return answer.get(10, TimeUnit.SECONDS);
  }
}
