package io.switchboard.backplane.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.switchboard.backplane.Backplane;
import io.switchboard.backplane.BackplaneHealthListener;
import io.switchboard.backplane.BackplaneUnavailableException;
import io.switchboard.backplane.internal.ChannelDispatcher;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Backplane} over Redis pub/sub with Lettuce, wire-compatible with ASP.NET Core's Redis
 * backplane ({@code Microsoft.AspNetCore.SignalR.StackExchangeRedis}): Java and .NET servers can
 * share one Redis and serve one hub together (name the hub as .NET does, see {@link
 * io.switchboard.backplane.BackplaneName}, and use the same channel prefix).
 *
 * <pre>{@code
 * RedisBackplane redis = RedisBackplane.create("redis://localhost:6379");
 * HubOptions options = HubOptions.defaults();
 * HubEndpoint<ChatHub> chat = HubEndpoint.create(ChatHub.class, ChatHub::new, options,
 *     redis.lifetimeManager(ChatHub.class, options));
 * }</pre>
 *
 * <p>How it uses Redis: plain SUBSCRIBE, UNSUBSCRIBE and PUBLISH of literal channels (never
 * patterns, never sharded pub/sub), one PUBLISH per channel a send targets, no keys. One
 * connection subscribes, another publishes; both are shared by every hub of the server. PUBLISHes
 * are pipelined: those issued while the previous batch was being written go out together, in one
 * write to the socket, in the order they were issued.
 *
 * <p><b>Delivery guarantee.</b> At most once, and in publish order per channel and publisher:
 * messages of one channel are handled one at a time, in order, off Lettuce's I/O thread; messages
 * of different channels have no order between them. While Redis is unreachable the backplane is
 * unhealthy ({@link #isHealthy()}, logged once): publishes and subscribes fail at once with {@link
 * BackplaneUnavailableException}, what other servers publish meanwhile is lost for this one, and
 * this server's own connections keep working (see {@link
 * io.switchboard.backplane.ScaleOutHubLifetimeManager}). It reconnects by itself, with an
 * exponential back-off up to {@link RedisBackplaneOptions#maxReconnectDelay()}, restores every
 * subscription and turns healthy again; nothing has to be restarted. It also starts while Redis
 * is down and connects when Redis comes up.
 */
public final class RedisBackplane implements Backplane {
  private static final Logger log = LoggerFactory.getLogger(RedisBackplane.class);
  private static final Duration FIRST_RETRY = Duration.ofMillis(100);

  private final RedisBackplaneOptions options;
  private final byte[] prefix;
  private final ClientResources resources;
  private final RedisClient client;
  private final ExecutorService handlerThreads = ChannelDispatcher.daemonThreads("switchboard-redis");
  private final ChannelDispatcher dispatcher = new ChannelDispatcher(handlerThreads);
  private final Subscriptions subscriptions = new Subscriptions();
  private final ConnectionHealth health;
  private volatile StatefulRedisPubSubConnection<byte[], byte[]> subscriber;
  private final ClientResources publishingResources;
  private final RedisClient publishingClient;
  private final Publisher publisher = new Publisher();
  private volatile StatefulRedisConnection<byte[], byte[]> publishing;
  private volatile boolean closed;

  private RedisBackplane(RedisBackplaneOptions options) {
    this.options = options;
    this.prefix = options.channelPrefix().getBytes(StandardCharsets.UTF_8);
    this.health = new ConnectionHealth(options.address());
    Delay reconnectDelay =
        Delay.exponential(FIRST_RETRY, options.maxReconnectDelay(), 2, TimeUnit.MILLISECONDS);
    this.resources = ClientResources.builder().reconnectDelay(reconnectDelay).build();
    this.client = RedisClient.create(resources, options.uri());
    // The publishing connection has a client of its own, on the same threads, only to learn its
    // channel's event loop, where the publisher writes its batches.
    this.publishingResources =
        ClientResources.builder()
            // Given, so shared (not shut down with these): the threads and the timer.
            .eventLoopGroupProvider(resources.eventLoopGroupProvider())
            .eventExecutorGroup(resources.eventExecutorGroup())
            .timer(resources.timer())
            .reconnectDelay(reconnectDelay)
            .nettyCustomizer(new PublishingChannel())
            .build();
    this.publishingClient = RedisClient.create(publishingResources, options.uri());
    StateListener states = new StateListener();
    for (RedisClient each : List.of(client, publishingClient)) {
      each.setOptions(clientOptions(options));
      each.addListener(states);
    }
  }

  /** A backplane connecting to {@code redisUri} (see {@link RedisBackplaneOptions}). */
  public static RedisBackplane create(String redisUri) {
    return create(RedisBackplaneOptions.fromUri(redisUri));
  }

  /**
   * A backplane with these options. It connects in the background: when Redis is not reachable
   * yet, it is unhealthy until it is.
   */
  public static RedisBackplane create(RedisBackplaneOptions options) {
    RedisBackplane backplane = new RedisBackplane(options);
    backplane.connect(FIRST_RETRY);
    return backplane;
  }

  private static ClientOptions clientOptions(RedisBackplaneOptions options) {
    ClientOptions.Builder builder =
        ClientOptions.builder()
            .autoReconnect(true)
            // Fail fast while disconnected instead of queueing without bound.
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled())
            .socketOptions(SocketOptions.builder().connectTimeout(options.connectTimeout()).build());
    if (options.trustedCertificates() != null) {
      builder.sslOptions(
          SslOptions.builder().trustManager(options.trustedCertificates().toFile()).build());
    }
    return builder.build();
  }

  // ---- connecting --------------------------------------------------------------------------

  private void connect(Duration retryDelay) {
    if (closed) {
      return;
    }
    CompletableFuture<StatefulRedisPubSubConnection<byte[], byte[]>> pubSub =
        client.connectPubSubAsync(ByteArrayCodec.INSTANCE, options.uri()).toCompletableFuture();
    CompletableFuture<StatefulRedisConnection<byte[], byte[]>> plain =
        publishingClient.connectAsync(ByteArrayCodec.INSTANCE, options.uri()).toCompletableFuture();
    pubSub
        .thenAcceptBoth(plain, this::connected)
        .whenComplete(
            (ignored, error) -> {
              if (error != null) {
                pubSub.thenAccept(StatefulRedisPubSubConnection::closeAsync);
                plain.thenAccept(StatefulRedisConnection::closeAsync);
                health.connectFailed(unwrap(error));
                Duration next = retryDelay.multipliedBy(2);
                Duration delay = next.compareTo(options.maxReconnectDelay()) > 0 ? options.maxReconnectDelay() : next;
                resources.eventExecutorGroup()
                    .schedule(() -> connect(delay), retryDelay.toMillis(), TimeUnit.MILLISECONDS);
              }
            });
  }

  private void connected(
      StatefulRedisPubSubConnection<byte[], byte[]> pubSub,
      StatefulRedisConnection<byte[], byte[]> plain) {
    if (closed) {
      pubSub.closeAsync();
      plain.closeAsync();
      return;
    }
    pubSub.addListener(new MessageListener());
    subscriber = pubSub;
    publishing = plain;
    publisher.connectedTo(plain);
    health.publisherUp(true);
    health.subscriberUp(true);
    restoreSubscriptions();
  }

  /**
   * Subscribes every wanted channel, then unsubscribes those Lettuce restored but nobody wants.
   * SUBSCRIBE of a channel already subscribed is harmless, so this need not know what Lettuce's
   * own re-subscription did.
   */
  private void restoreSubscriptions() {
    StatefulRedisPubSubConnection<byte[], byte[]> connection = subscriber;
    List<String> wanted = subscriptions.wanted();
    List<String> stale = subscriptions.takeStale();
    CompletableFuture<Void> restored =
        wanted.isEmpty()
            ? CompletableFuture.completedFuture(null)
            : connection.async().subscribe(wire(wanted)).toCompletableFuture();
    restored
        .thenCompose(
            ignored ->
                stale.isEmpty()
                    ? CompletableFuture.<Void>completedFuture(null)
                    : connection.async().unsubscribe(wire(stale)).toCompletableFuture())
        .whenComplete(
            (ignored, error) -> {
              if (error == null) {
                health.subscribed();
              } else {
                stale.forEach(subscriptions::unsubscribeFailed);
                log.debug("Restoring subscriptions failed: {}", error.toString());
                // Still connected: try again; otherwise the next reconnect restores them.
                if (!closed && health.subscriberUp()) {
                  resources.eventExecutorGroup()
                      .schedule(this::restoreSubscriptions, FIRST_RETRY.toMillis(), TimeUnit.MILLISECONDS);
                }
              }
            });
  }

  // ---- Backplane ---------------------------------------------------------------------------

  @Override
  public CompletableFuture<Void> subscribe(String channel, Consumer<byte[]> handler) {
    subscriptions.add(channel, handler);
    StatefulRedisPubSubConnection<byte[], byte[]> connection = subscriber;
    if (connection == null || !health.subscriberUp()) {
      return unavailable();
    }
    return mapErrors(connection.async().subscribe(wire(List.of(channel))).toCompletableFuture());
  }

  @Override
  public CompletableFuture<Void> unsubscribe(String channel) {
    subscriptions.remove(channel);
    StatefulRedisPubSubConnection<byte[], byte[]> connection = subscriber;
    if (connection == null || !health.subscriberUp()) {
      subscriptions.unsubscribeFailed(channel);
      return CompletableFuture.completedFuture(null); // nothing reaches its handler any more
    }
    return connection.async()
        .unsubscribe(wire(List.of(channel)))
        .toCompletableFuture()
        .exceptionally(
            error -> {
              subscriptions.unsubscribeFailed(channel);
              return null;
            });
  }

  @Override
  public CompletableFuture<Long> publish(String channel, byte[] message) {
    if (publishing == null || !health.publisherUp()) {
      return unavailable();
    }
    return mapErrors(publisher.publish(wire(channel), message));
  }

  @Override
  public boolean isHealthy() {
    return health.isHealthy();
  }

  @Override
  public void addHealthListener(BackplaneHealthListener listener) {
    health.addListener(listener);
  }

  /** Closes both connections and releases the client's threads. */
  @Override
  public void close() {
    closed = true;
    publishingClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    publishingResources.shutdown(0, 2, TimeUnit.SECONDS);
    resources.shutdown(0, 2, TimeUnit.SECONDS);
    handlerThreads.shutdownNow();
  }

  // ---- helpers -----------------------------------------------------------------------------

  private byte[] wire(String channel) {
    byte[] name = channel.getBytes(StandardCharsets.UTF_8);
    if (prefix.length == 0) {
      return name;
    }
    byte[] bytes = Arrays.copyOf(prefix, prefix.length + name.length);
    System.arraycopy(name, 0, bytes, prefix.length, name.length);
    return bytes;
  }

  private byte[][] wire(List<String> channels) {
    return channels.stream().map(this::wire).toArray(byte[][]::new);
  }

  /** The channel name without the prefix, or null for a channel of another application. */
  private String channelOf(byte[] wireName) {
    if (wireName.length < prefix.length
        || !Arrays.equals(wireName, 0, prefix.length, prefix, 0, prefix.length)) {
      return null;
    }
    return new String(wireName, prefix.length, wireName.length - prefix.length, StandardCharsets.UTF_8);
  }

  /** Lettuce's rejection of a command while disconnected means it was never sent. */
  private static <T> CompletableFuture<T> mapErrors(CompletableFuture<T> command) {
    return command.exceptionally(
        error -> {
          Throwable cause = unwrap(error);
          if (String.valueOf(cause.getMessage()).startsWith("Currently not connected")) {
            throw new CompletionException(
                new BackplaneUnavailableException("Redis is not reachable.", cause));
          }
          throw new CompletionException(cause);
        });
  }

  private static <T> CompletableFuture<T> unavailable() {
    return CompletableFuture.failedFuture(new BackplaneUnavailableException("Redis is not reachable."));
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }

  /** Hands each message to its channel's handler, in order per channel, off the I/O thread. */
  private final class MessageListener extends RedisPubSubAdapter<byte[], byte[]> {
    @Override
    public void message(byte[] wireChannel, byte[] message) {
      String channel = channelOf(wireChannel);
      if (channel == null) {
        return;
      }
      dispatcher.dispatch(
          channel,
          () -> {
            Consumer<byte[]> handler = subscriptions.handler(channel);
            if (handler != null) {
              handler.accept(message);
            }
          });
    }
  }

  /** Tells the publisher the event loop of each new publishing channel (first and reconnected). */
  private final class PublishingChannel implements NettyCustomizer {
    @Override
    public void afterChannelInitialized(Channel channel) {
      publisher.writeOn(channel.eventLoop());
    }
  }

  /** Follows both connections: down, and up again after Lettuce reconnected them. */
  private final class StateListener implements RedisConnectionStateListener {
    @Override
    public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
      if (closed) {
        return;
      }
      if (connection == subscriber) {
        health.subscriberUp(true);
        restoreSubscriptions();
      } else if (connection == publishing) {
        health.publisherUp(true);
      }
    }

    @Override
    public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
      if (closed) {
        return; // closing is not an outage
      }
      if (connection == subscriber) {
        health.subscriberUp(false);
      } else if (connection == publishing) {
        health.publisherUp(false);
      }
    }
  }
}
