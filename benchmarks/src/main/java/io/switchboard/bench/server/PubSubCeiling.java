package io.switchboard.bench.server;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;

/**
 * The ceiling of S7: what Redis and Lettuce do alone for the backplane's pattern. One Lettuce
 * connection PUBLISHes byte arrays of the backplane envelope's size to one channel, with Lettuce's
 * defaults (auto-flush, as {@code RedisBackplane} uses it); two subscriber connections stand for
 * nodes A and B (a Switchboard send comes back to its own node too), and the one for B counts the
 * messages and records their latency. All in this process, pinned where the nodes run. Its
 * commands are {@link FlowCommands}'.
 */
final class PubSubCeiling extends FlowCommands implements AutoCloseable {
  private static final byte[] CHANNEL = "switchboard-bench-ceiling".getBytes(StandardCharsets.US_ASCII);

  private final RedisClient client;
  private final StatefulRedisConnection<byte[], byte[]> publisher;
  private final StatefulRedisPubSubConnection<byte[], byte[]> nodeA;
  private final StatefulRedisPubSubConnection<byte[], byte[]> nodeB;

  private PubSubCeiling(String redisUri) {
    client = RedisClient.create(redisUri);
    publisher = client.connect(ByteArrayCodec.INSTANCE);
    nodeA = client.connectPubSub(ByteArrayCodec.INSTANCE);
    nodeB = client.connectPubSub(ByteArrayCodec.INSTANCE);
    nodeB.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(byte[] channel, byte[] message) {
            arrived(1);
          }
        });
    nodeA.sync().subscribe(CHANNEL);
    nodeB.sync().subscribe(CHANNEL);
  }

  /** Connects the three connections to {@code redisUri} and subscribes. */
  static PubSubCeiling connect(String redisUri) {
    return new PubSubCeiling(redisUri);
  }

  @Override
  void send(byte[] message) {
    publisher.async().publish(CHANNEL, message);
  }

  @Override
  public void close() {
    shutdown();
    client.shutdown();
  }
}
