package io.switchboard.backplane.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.backplane.testkit.TestNode;
import org.junit.jupiter.api.Test;

/**
 * A server started while Redis is down; Redis stopped and started under running servers is
 * {@link RedisScaleOutIT}'s.
 */
class RedisOutageIT {

  @Test
  void aServerStartedWhileRedisIsDownConnectsWhenItComesUp() throws Exception {
    try (StoppableRedis redis = StoppableRedis.launch()) {
      redis.stop();
      RedisBackplane early = RedisBackplane.create(redis.uri());
      try (early; TestNode other = startLater(redis)) {
        TestNode.awaitHealthy(early, true);
        assertEquals(true, other.backplane().isHealthy());
      }
    }
  }

  private static TestNode startLater(StoppableRedis redis) throws Exception {
    redis.start();
    return new TestNode(redis.backplane());
  }
}
