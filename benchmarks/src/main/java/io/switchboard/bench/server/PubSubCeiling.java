package io.switchboard.bench.server;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.switchboard.bench.client.FlowRun;
import io.switchboard.bench.client.OrderedFlow;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The ceiling of S7: what Redis and Lettuce do alone for the backplane's pattern. One Lettuce
 * connection PUBLISHes byte arrays of the backplane envelope's size to one channel, with Lettuce's
 * defaults (auto-flush, as {@code RedisBackplane} uses it); two subscriber connections stand for
 * nodes A and B (a Switchboard send comes back to its own node too), and the one for B counts the
 * messages and records their latency. All in this process, pinned where the nodes run.
 *
 * <p>Commands (see {@link ServerControl}); each prints {@code MEASURING} and {@code MEASURED} at
 * the edges of its window, then {@code PUBSUB rate=<messages/s at B> lost=<n> samples=.. p50_us=..
 * ...}:
 *
 * <ul>
 *   <li>{@code throughput <bytes> <window> <warmup ms> <measure ms>}: closed loop, {@code window}
 *       messages in flight
 *   <li>{@code paced <bytes> <rate> <warmup ms> <measure ms>}: open loop at {@code rate} messages/s
 * </ul>
 */
final class PubSubCeiling implements ServerControl.Commands, AutoCloseable {
  private static final byte[] CHANNEL = "switchboard-bench-ceiling".getBytes(StandardCharsets.US_ASCII);

  private final RedisClient client;
  private final StatefulRedisConnection<byte[], byte[]> publisher;
  private final StatefulRedisPubSubConnection<byte[], byte[]> nodeA;
  private final StatefulRedisPubSubConnection<byte[], byte[]> nodeB;
  private final ExecutorService sender = Executors.newSingleThreadExecutor();
  private volatile OrderedFlow flow;

  private PubSubCeiling(String redisUri) {
    client = RedisClient.create(redisUri);
    publisher = client.connect(ByteArrayCodec.INSTANCE);
    nodeA = client.connectPubSub(ByteArrayCodec.INSTANCE);
    nodeB = client.connectPubSub(ByteArrayCodec.INSTANCE);
    nodeB.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(byte[] channel, byte[] message) {
            OrderedFlow current = flow;
            if (current != null) {
              current.arrived(1);
            }
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
  public boolean run(String line) throws Exception {
    String[] words = line.split(" ");
    boolean paced = "paced".equals(words[0]);
    if (!paced && !"throughput".equals(words[0])) {
      return false;
    }
    byte[] message = new byte[Integer.parseInt(words[1])];
    Arrays.fill(message, (byte) 'x');
    double amount = Double.parseDouble(words[2]);
    long warmup = Long.parseLong(words[3]);
    long measure = Long.parseLong(words[4]);
    OrderedFlow next = new OrderedFlow(() -> publisher.async().publish(CHANNEL, message), paced ? 0 : (int) amount);
    flow = next;
    FlowRun.Edges edges =
        new FlowRun.Edges() {
          @Override
          public void begin() {
            System.out.println("MEASURING");
            System.out.flush();
          }

          @Override
          public void end() {
            System.out.println("MEASURED");
            System.out.flush();
          }
        };
    FlowRun.Outcome outcome =
        paced
            ? FlowRun.paced(next, sender, amount, warmup, measure, edges)
            : FlowRun.closedLoop(next, sender, warmup, measure, edges);
    flow = null;
    System.out.println(
        String.format(Locale.ROOT, "PUBSUB rate=%.1f lost=%d ", outcome.rate(), outcome.lost())
            + OrderedFlow.percentiles(outcome.latency())
            + " "
            + next.counts());
    return true;
  }

  @Override
  public void close() {
    sender.shutdownNow();
    client.shutdown();
  }
}
