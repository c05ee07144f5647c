package io.switchboard.backplane.redis;

import static io.switchboard.backplane.testkit.Sends.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.switchboard.backplane.testkit.TestClient;
import io.switchboard.backplane.testkit.TestHub;
import io.switchboard.backplane.testkit.TestNode;
import io.switchboard.backplane.testkit.TestRedis;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Channel names on the wire, and applications kept apart by their channel prefixes. */
class ChannelPrefixIT {
  private static final String HUB = TestHub.class.getName();

  private static TestNode nodeWithPrefix(String uri, String prefix) {
    return new TestNode(StoppableRedis.backplane(RedisBackplaneOptions.builder(uri).channelPrefix(prefix).build()));
  }

  @Test
  void applicationsWithDifferentPrefixesDoNotSeeEachOther() throws Exception {
    String uri = TestRedis.sharedUri();
    try (TestNode one = nodeWithPrefix(uri, "AppOne");
        TestNode oneToo = nodeWithPrefix(uri, "AppOne");
        TestNode two = nodeWithPrefix(uri, "AppTwo")) {
      TestClient ofOne = oneToo.connect();
      TestClient ofTwo = two.connect();

      await(one.context().clients().all().send("Receive", "for one"));
      assertEquals("for one", ofOne.next());
      await(two.context().clients().all().send("Receive", "for two"));
      assertEquals("for two", ofTwo.next()); // "for one" never reached app two
      await(one.context().clients().all().send("Receive", "for one again"));
      assertEquals("for one again", ofOne.next()); // nor "for two" app one
    }
  }

  @Test
  void theBroadcastChannelIsThePrefixThenTheHubNameThenAll() throws Exception {
    String uri = TestRedis.sharedUri();
    RedisClient raw = RedisClient.create(uri);
    try (StatefulRedisPubSubConnection<byte[], byte[]> observer = raw.connectPubSub(ByteArrayCodec.INSTANCE);
        TestNode node = nodeWithPrefix(uri, "MyApp")) {
      BlockingQueue<byte[]> seen = new LinkedBlockingQueue<>();
      observer.addListener(
          new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] channel, byte[] message) {
              seen.add(message);
            }
          });
      observer.sync().subscribe(("MyApp" + HUB + ":all").getBytes(StandardCharsets.UTF_8));

      await(node.context().clients().all().send("Receive", "hi"));

      byte[] message = seen.poll(TestNode.PATIENCE.toSeconds(), TimeUnit.SECONDS);
      String hex = HexFormat.of().formatHex(message);
      // [[], {"json": ..., "messagepack": ...}]
      assertEquals("929082a46a736f6e", hex.substring(0, 16));
      assertEquals(true, hex.contains(HexFormat.of().formatHex("messagepack".getBytes(StandardCharsets.UTF_8))));
    } finally {
      raw.shutdown();
    }
  }
}
