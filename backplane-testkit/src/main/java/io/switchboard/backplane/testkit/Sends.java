package io.switchboard.backplane.testkit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Waiting on the futures of server-side sends, with the tests' patience. */
public final class Sends {
  private Sends() {}

  /** The future's value, waiting for it. */
  public static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(TestNode.PATIENCE.toSeconds(), TimeUnit.SECONDS);
  }

  /** Waits for {@code future} to fail, and returns its cause, which must be a {@code type}. */
  public static <E extends Throwable> E failure(CompletableFuture<?> future, Class<E> type) {
    ExecutionException failure = assertThrows(ExecutionException.class, () -> await(future));
    return assertInstanceOf(type, failure.getCause());
  }
}
