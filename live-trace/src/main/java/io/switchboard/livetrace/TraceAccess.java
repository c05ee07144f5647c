package io.switchboard.livetrace;

import io.switchboard.auth.AuthenticatedUser;
import io.switchboard.auth.Authenticator;
import io.switchboard.connection.HttpRequestInfo;
import io.switchboard.connection.internal.LimitedWarnings;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may see the trace: the application's {@link Authenticator}, run off the event loops (it may
 * block), then a predicate on the user. Answers the HTTP status of a request: 200, 401 without a
 * valid credential (as a hub with {@code @Authorize} answers), 403 when the predicate refuses,
 * 503 while too many checks wait, 500 when the authenticator fails.
 */
final class TraceAccess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TraceAccess.class);
  private static final int THREADS = 2;
  private static final int WAITING = 64;

  private final Authenticator authenticator;
  private final Predicate<AuthenticatedUser> allowed;
  private final ThreadPoolExecutor executor;
  /** A page reloaded in a loop, or many at once, would otherwise log a line per request. */
  private final LimitedWarnings refusals;

  TraceAccess(Authenticator authenticator, Predicate<AuthenticatedUser> allowed) {
    this(authenticator, allowed, new LimitedWarnings(LOG, "live trace requests refused"));
  }

  /** With the warnings of refused requests going to {@code refusals}, for tests. */
  TraceAccess(Authenticator authenticator, Predicate<AuthenticatedUser> allowed, LimitedWarnings refusals) {
    this.authenticator = authenticator;
    this.allowed = allowed;
    this.refusals = refusals;
    AtomicInteger threads = new AtomicInteger();
    executor =
        new ThreadPoolExecutor(
            THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(WAITING),
            task -> {
              Thread thread = new Thread(task, "switchboard-live-trace-auth-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    executor.allowCoreThreadTimeOut(true);
  }

  /** The status for {@code request}, decided on this class's threads; never completes exceptionally. */
  CompletableFuture<Integer> check(HttpRequestInfo request) {
    try {
      return CompletableFuture.supplyAsync(() -> status(request), executor).exceptionally(TraceAccess::failed);
    } catch (RejectedExecutionException busy) {
      if (executor.isShutdown()) {
        LOG.debug("Live trace request from {} refused: the server is stopping", request.remoteAddress());
      } else {
        refusals.warn("Live trace request from {} refused: {} authentications waiting", request.remoteAddress(), WAITING);
      }
      return CompletableFuture.completedFuture(503);
    }
  }

  /** Stops the authentication threads; later requests get 503. */
  @Override
  public void close() {
    executor.shutdown();
  }

  private int status(HttpRequestInfo request) {
    AuthenticatedUser user = authenticator.authenticate(request).orElse(null);
    if (user == null) {
      return 401;
    }
    return allowed.test(user) ? 200 : 403;
  }

  /**
   * Whatever the authenticator or the predicate threw (an {@link Error} too, which would otherwise
   * leave the request unanswered and its channel not reading): 500, logged as a hub's
   * authentication failure is.
   */
  private static int failed(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    LOG.error("The live trace's authenticator failed", cause);
    return 500;
  }
}
