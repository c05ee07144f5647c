package io.switchboard.bench.suite;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The suite's own view of the Redis under test, over one Lettuce connection: the server's version,
 * how many PUBLISH commands it has run ({@code INFO commandstats}), and the size of a message
 * published on it.
 */
final class RedisProbe implements AutoCloseable {
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;

  RedisProbe(String uri) {
    client = RedisClient.create(uri);
    connection = client.connect();
  }

  /** {@code redis_version} of INFO server. */
  String version() {
    return field(connection.sync().info("server"), "redis_version:", "\r\n");
  }

  /** PUBLISH commands the server has run since it started (0 before the first). */
  long publishCalls() {
    String calls = field(connection.sync().info("commandstats"), "cmdstat_publish:calls=", ",");
    return calls.isEmpty() ? 0 : Long.parseLong(calls);
  }

  /**
   * Runs {@code trigger}, which should make someone PUBLISH once, and returns the size in bytes of
   * the first message published meanwhile on any channel (a pattern subscription to {@code *}, held
   * only for this call).
   */
  int sizeOfNextMessage(Runnable trigger, long timeoutMillis) throws Exception {
    CompletableFuture<Integer> size = new CompletableFuture<>();
    try (StatefulRedisPubSubConnection<byte[], byte[]> sniffer = client.connectPubSub(ByteArrayCodec.INSTANCE)) {
      sniffer.addListener(
          new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] pattern, byte[] channel, byte[] message) {
              size.complete(message.length);
            }
          });
      sniffer.sync().psubscribe("*".getBytes(StandardCharsets.US_ASCII));
      trigger.run();
      return size.get(timeoutMillis, TimeUnit.MILLISECONDS);
    }
  }

  private static String field(String info, String key, String end) {
    int start = info.indexOf(key);
    if (start < 0) {
      return "";
    }
    start += key.length();
    int stop = info.indexOf(end, start);
    return (stop < 0 ? info.substring(start) : info.substring(start, stop)).trim();
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }
}
