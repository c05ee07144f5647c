package io.switchboard.backplane.redis;

import io.switchboard.backplane.testkit.StoppableServer;
import io.switchboard.backplane.testkit.TestRedis;
import java.time.Duration;

/**
 * A {@link TestRedis} this test controls, with the tests' backplanes on it: what the scale-out
 * suite and the outage tests stop and start again.
 */
final class StoppableRedis implements StoppableServer {
  private final TestRedis redis;

  private StoppableRedis(TestRedis redis) {
    this.redis = redis;
  }

  /** Starts a server this test controls; skipped when REDIS_URL names an external one. */
  static StoppableRedis launch() throws Exception {
    return new StoppableRedis(TestRedis.launch());
  }

  /** A backplane of the tests: it reconnects soon after its Redis is back. */
  static RedisBackplane backplane(RedisBackplaneOptions options) {
    return RedisBackplane.create(options.toBuilder().maxReconnectDelay(Duration.ofMillis(500)).build());
  }

  /** A backplane on this server. */
  @Override
  public RedisBackplane backplane() {
    return backplane(RedisBackplaneOptions.fromUri(uri()));
  }

  String uri() {
    return redis.uri();
  }

  @Override
  public void start() throws Exception {
    redis.start();
  }

  @Override
  public void stop() throws InterruptedException {
    redis.stop();
  }

  @Override
  public void close() throws InterruptedException {
    redis.close();
  }
}
