package io.switchboard.transport.netty;

import io.switchboard.backplane.Backplane;
import io.switchboard.backplane.BackplaneHealthListener;
import io.switchboard.backplane.BackplaneUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A backplane of one server, delivering what it publishes to its own subscribers, whose outage
 * a test switches on and off ({@link #disconnect()}, {@link #reconnect()}).
 */
final class OneNodeBackplane implements Backplane {
  private final Map<String, Consumer<byte[]>> handlers = new ConcurrentHashMap<>();
  private final List<BackplaneHealthListener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean reachable = true;

  @Override
  public CompletableFuture<Void> subscribe(String channel, Consumer<byte[]> handler) {
    handlers.put(channel, handler);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> unsubscribe(String channel) {
    handlers.remove(channel);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Long> publish(String channel, byte[] message) {
    if (!reachable) {
      return CompletableFuture.failedFuture(new BackplaneUnavailableException("disconnected"));
    }
    Consumer<byte[]> handler = handlers.get(channel);
    if (handler != null) {
      handler.accept(message);
    }
    return CompletableFuture.completedFuture(handler == null ? 0L : 1L);
  }

  @Override
  public boolean isHealthy() {
    return reachable;
  }

  @Override
  public void addHealthListener(BackplaneHealthListener listener) {
    listeners.add(listener);
  }

  void disconnect() {
    reachable = false;
    listeners.forEach(listener -> listener.healthChanged(false));
  }

  void reconnect() {
    reachable = true;
    listeners.forEach(listener -> listener.healthChanged(true));
  }

  @Override
  public void close() {}
}
