package io.switchboard.backplane;

import io.switchboard.backplane.internal.ChannelDispatcher;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One server's connection to an {@link InMemoryBroker}. {@link #disconnect()} and {@link
 * #reconnect()} simulate an outage of the bus for this server: meanwhile calls fail with {@link
 * BackplaneUnavailableException}, messages for it are lost, and its subscriptions are kept.
 */
public final class InMemoryBackplane implements Backplane {
  private final InMemoryBroker broker;
  private final ChannelDispatcher dispatcher;
  private final Map<String, Consumer<byte[]>> handlers = new ConcurrentHashMap<>();
  private final List<BackplaneHealthListener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean reachable = true;
  private volatile boolean closed;

  InMemoryBackplane(InMemoryBroker broker, ChannelDispatcher dispatcher) {
    this.broker = broker;
    this.dispatcher = dispatcher;
  }

  @Override
  public CompletableFuture<Void> subscribe(String channel, Consumer<byte[]> handler) {
    handlers.put(channel, handler);
    broker.subscribe(channel, this);
    return reachable ? CompletableFuture.completedFuture(null) : unavailable();
  }

  @Override
  public CompletableFuture<Void> unsubscribe(String channel) {
    handlers.remove(channel);
    broker.unsubscribe(channel, this);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Long> publish(String channel, byte[] message) {
    return reachable
        ? CompletableFuture.completedFuture(broker.publish(channel, message))
        : unavailable();
  }

  /** Queues a message for its channel's handler; false when this server is cut off. */
  boolean deliver(String channel, byte[] message) {
    if (!reachable) {
      return false;
    }
    dispatcher.dispatch(
        channel,
        () -> {
          Consumer<byte[]> handler = handlers.get(channel);
          if (handler != null) {
            handler.accept(message);
          }
        });
    return true;
  }

  @Override
  public boolean isHealthy() {
    return reachable;
  }

  @Override
  public void addHealthListener(BackplaneHealthListener listener) {
    listeners.add(listener);
  }

  /** Cuts this server off the bus, as if the bus went away. */
  public void disconnect() {
    setReachable(false);
  }

  /** Ends a simulated outage; the subscriptions work again. */
  public void reconnect() {
    if (!closed) {
      setReachable(true);
    }
  }

  private void setReachable(boolean value) {
    if (reachable != value) {
      reachable = value;
      listeners.forEach(listener -> listener.healthChanged(value));
    }
  }

  @Override
  public void close() {
    closed = true;
    for (String channel : List.copyOf(handlers.keySet())) {
      unsubscribe(channel);
    }
    setReachable(false);
  }

  private static <T> CompletableFuture<T> unavailable() {
    return CompletableFuture.failedFuture(
        new BackplaneUnavailableException("The in-memory bus is disconnected."));
  }
}
