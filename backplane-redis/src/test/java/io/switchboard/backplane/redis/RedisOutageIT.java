package io.switchboard.backplane.redis;

import static io.switchboard.backplane.redis.Sends.await;
import static io.switchboard.backplane.redis.Sends.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.backplane.BackplaneUnavailableException;
import io.switchboard.hub.HubClients;
import org.junit.jupiter.api.Test;

/** Redis stopped and started again while two servers and their clients stay up. */
class RedisOutageIT {

  @Test
  void serversKeepServingLocallyAndResumeAcrossWhenRedisIsBack() throws Exception {
    try (TestRedis redis = TestRedis.launch();
        TestNode a = new TestNode(redis.uri());
        TestNode b = new TestNode(redis.uri())) {
      TestClient a1 = a.connect();
      TestClient b1 = b.connect("carol");
      HubClients fromA = a.context().clients();
      await(b.context().groups().add(b1.connectionId(), "room"));
      await(fromA.all().send("Receive", "before"));
      assertEquals("before", a1.next());
      assertEquals("before", b1.next());

      redis.stop();
      a.awaitHealthy(false);
      b.awaitHealthy(false);

      // This server's clients are still served; other servers are out of reach, at once.
      failure(fromA.all().send("Receive", "local"), BackplaneUnavailableException.class);
      assertEquals("local", a1.next());
      assertEquals("still here", b1.echo("still here"));
      TestClient a2 = a.connect();
      assertEquals("new", a2.echo("new"));
      failure(fromA.client(b1.connectionId()).send("Receive", "lost"), BackplaneUnavailableException.class);
      failure(a.context().groups().add(b1.connectionId(), "other"), BackplaneUnavailableException.class);

      redis.start();
      a.awaitHealthy(true);
      b.awaitHealthy(true);

      // Every subscription is back, including those made during the outage.
      await(fromA.group("room").send("Receive", "after"));
      assertEquals("after", b1.next()); // never got "local" nor "lost"
      await(fromA.user("carol").send("Receive", "user after"));
      assertEquals("user after", b1.next());
      await(b.context().clients().client(a2.connectionId()).send("Receive", "to a2"));
      assertEquals("to a2", a2.next());
      assertEquals(TestClient.ANSWER, await(fromA.client(b1.connectionId()).invoke(Integer.class, "Ask")));
    }
  }

  @Test
  void aServerStartedWhileRedisIsDownConnectsWhenItComesUp() throws Exception {
    try (TestRedis redis = TestRedis.launch()) {
      redis.stop();
      RedisBackplane early = RedisBackplane.create(redis.uri());
      try (early; TestNode other = startLater(redis)) {
        TestNode.awaitHealthy(early, true);
        assertEquals(true, other.backplane.isHealthy());
      }
    }
  }

  private static TestNode startLater(TestRedis redis) throws Exception {
    redis.start();
    return new TestNode(redis.uri());
  }
}
