package io.switchboard.backplane.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Redis backplane options are snapshots with the documented defaults. */
class RedisBackplaneOptionsTest {

  @Test
  void defaultsAndACopyThatLeavesTheOriginalAlone() {
    RedisBackplaneOptions original = RedisBackplaneOptions.fromUri("redis://:secret@cache:6380");
    RedisBackplaneOptions copy =
        original.toBuilder().channelPrefix("app1").maxReconnectDelay(Duration.ofMillis(500)).build();

    assertEquals("", original.channelPrefix());
    assertEquals(Duration.ofSeconds(5), original.maxReconnectDelay());
    assertEquals(Duration.ofSeconds(10), original.connectTimeout());
    assertEquals(Duration.ofSeconds(5), original.uri().getTimeout());
    assertEquals("app1", copy.channelPrefix());
    assertEquals(Duration.ofMillis(500), copy.maxReconnectDelay());
    assertEquals("redis://cache:6380", copy.address());
  }
}
