package io.switchboard.livetrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.auth.AuthenticatedUser;
import io.switchboard.auth.Authenticator;
import io.switchboard.connection.HttpRequestInfo;
import io.switchboard.connection.internal.LimitedWarnings;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The status a live trace request gets from the authenticator and the predicate. */
class TraceAccessTest {
  private static final HttpRequestInfo REQUEST =
      new HttpRequestInfo("GET", "/live-trace", Map.of(), Map.of(), Map.of(), "127.0.0.1");
  private static final AuthenticatedUser ALICE = new AuthenticatedUser("alice", Map.of(), null);

  private static int status(Authenticator authenticator) throws Exception {
    return new TraceAccess(authenticator, user -> user.nameIdentifier().equals("operator"))
        .check(REQUEST)
        .get(30, TimeUnit.SECONDS);
  }

  @Test
  void noUserIs401AndARefusedOneIs403() throws Exception {
    assertEquals(401, status(request -> Optional.empty()));
    assertEquals(403, status(request -> Optional.of(ALICE)));
  }

  @Test
  void anAuthenticatorThatThrowsIs500() throws Exception {
    assertEquals(500, status(request -> {
      throw new IllegalStateException("the token service is down");
    }));
  }

  @Test
  void refusalsWhileTooManyChecksWaitAre503AndLoggedWithinALimit() throws Exception {
    AtomicInteger warnings = new AtomicInteger();
    CountDownLatch bothThreadsBusy = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    TraceAccess access =
        new TraceAccess(
            request -> {
              bothThreadsBusy.countDown();
              await(release);
              return Optional.of(ALICE);
            },
            user -> true,
            new LimitedWarnings(countingWarnings(warnings), "refused", 1, Duration.ofHours(1)));
    try {
      List<CompletableFuture<Integer>> admitted = new ArrayList<>();
      admitted.add(access.check(REQUEST));
      admitted.add(access.check(REQUEST));
      assertTrue(bothThreadsBusy.await(30, TimeUnit.SECONDS));
      for (int i = 0; i < 64; i++) {
        admitted.add(access.check(REQUEST));
      }
      for (int i = 0; i < 20; i++) {
        assertEquals(503, access.check(REQUEST).get(30, TimeUnit.SECONDS));
      }
      assertEquals(1, warnings.get(), "20 refusals, one warning line");
      release.countDown();
      for (CompletableFuture<Integer> check : admitted) {
        assertEquals(200, check.get(30, TimeUnit.SECONDS));
      }
    } finally {
      release.countDown();
      access.close();
    }
  }

  @Test
  void aClosedAccessAnswers503() throws Exception {
    TraceAccess access = new TraceAccess(request -> Optional.of(ALICE), user -> true);
    access.close();
    assertEquals(503, access.check(REQUEST).get(30, TimeUnit.SECONDS));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A logger that counts its WARN lines and drops everything else. */
  private static Logger countingWarnings(AtomicInteger warnings) {
    return (Logger)
        Proxy.newProxyInstance(
            Logger.class.getClassLoader(),
            new Class<?>[] {Logger.class},
            (proxy, method, arguments) -> {
              if (method.getName().equals("warn")) {
                warnings.incrementAndGet();
              }
              return method.getReturnType() == boolean.class ? Boolean.TRUE : method.getReturnType() == String.class ? "test" : null;
            });
  }

  @Test
  void anAuthenticatorThatThrowsAnErrorIs500Too() throws Exception {
    assertEquals(500, status(request -> {
      throw new AssertionError("a broken authenticator");
    }));
  }
}
