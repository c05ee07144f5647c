package io.switchboard.transport.apigateway;

import io.switchboard.backplane.Backplane;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a connection's {@code $default} and {@code $disconnect} to the node that holds it, over a
 * backplane: the owner subscribes the channel {@code {prefix}apigw:{connectionId}} for the life of
 * the connection; any other node publishes a {@link ForwardedMessage} there. One node's messages
 * for one connection are published one after the other, so they arrive in the order that node got
 * them.
 *
 * <p>A {@code $default} that reaches no subscriber belongs to a connection no node holds (its node
 * died or dropped it): its socket is closed with a {@code @connections} DELETE so that the client
 * learns it (and reconnects), as it would from API Gateway's 410 to a push. So is one whose publish
 * failed: the message is lost, and a client waiting for its answer would wait for ever.
 */
final class Forwarding {
  private static final Logger LOG = LoggerFactory.getLogger(Forwarding.class);

  private final Backplane backplane;
  private final String prefix;
  private final ConnectionsApi api;
  private final Executor blocking;
  /** The last publish queued per connection; an entry lives only while publishes are pending. */
  private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

  /**
   * @param blocking runs the {@code @connections} DELETEs (they block)
   */
  Forwarding(Backplane backplane, String prefix, ConnectionsApi api, Executor blocking) {
    this.backplane = backplane;
    this.prefix = prefix;
    this.api = api;
    this.blocking = blocking;
  }

  /** The channel of {@code connectionId}. */
  String channel(String connectionId) {
    return prefix + "apigw:" + connectionId;
  }

  /**
   * Takes the messages other nodes forward for {@code connectionId}; envelopes that do not decode,
   * or name another connection, are logged and dropped.
   *
   * @return completes once forwarded messages are delivered
   */
  CompletableFuture<Void> subscribe(String connectionId, Consumer<ForwardedMessage> handler) {
    return backplane.subscribe(channel(connectionId), bytes -> {
      ForwardedMessage message;
      try {
        message = ForwardedMessage.decode(bytes);
      } catch (IllegalArgumentException e) {
        LOG.warn("Connection {}: dropped a forwarded message: {}", connectionId, e.getMessage());
        return;
      }
      if (!message.connectionId().equals(connectionId)) {
        LOG.warn("Connection {}: dropped a message forwarded for {}", connectionId, message.connectionId());
        return;
      }
      handler.accept(message);
    });
  }

  /** Ends the subscription of {@code connectionId}. */
  void unsubscribe(String connectionId) {
    backplane
        .unsubscribe(channel(connectionId))
        .exceptionally(error -> {
          LOG.warn("Connection {}: unsubscribing its channel failed", connectionId, error);
          return null;
        });
  }

  /** Publishes {@code message} after this node's earlier ones for the same connection. */
  void forward(ForwardedMessage message) {
    String id = message.connectionId();
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> previous = tails.put(id, mine);
    CompletableFuture<Void> after = previous == null ? CompletableFuture.completedFuture(null) : previous;
    after.thenCompose(done -> publish(message)).whenComplete((done, error) -> {
      tails.remove(id, mine);
      mine.complete(null);
    });
  }

  /** One publish; completes normally whatever became of it. */
  private CompletableFuture<Void> publish(ForwardedMessage message) {
    CompletableFuture<Long> published;
    try {
      published = backplane.publish(channel(message.connectionId()), message.encode());
    } catch (RuntimeException e) {
      published = CompletableFuture.failedFuture(e);
    }
    return published.handle((receivers, error) -> {
      boolean isDefault = message.route() == ForwardedMessage.Route.DEFAULT;
      if (error != null) {
        // A lost $disconnect shows later: the owner's next push (a ping at the latest) gets 410.
        LOG.warn("Connection {}: forwarding its {} failed", message.connectionId(), message.route(), error);
        if (isDefault) {
          closeSocket(message.connectionId());
        }
      } else if (receivers == 0 && isDefault) {
        LOG.info("Connection {}: no node holds it; closing its socket", message.connectionId());
        closeSocket(message.connectionId());
      } else if (receivers == 0) {
        LOG.debug("Connection {}: its $disconnect found it ended already", message.connectionId());
      }
      return null;
    });
  }

  /** {@code DELETE @connections/{id}} on the blocking threads. */
  private void closeSocket(String connectionId) {
    try {
      blocking.execute(() -> {
        try {
          api.delete(connectionId);
        } catch (RuntimeException e) {
          LOG.debug("Connection {}: the @connections DELETE failed", connectionId, e);
        }
      });
    } catch (RejectedExecutionException closing) {
      LOG.debug("Connection {}: not closed, the transport is closing", connectionId);
    }
  }
}
