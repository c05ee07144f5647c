package io.switchboard.backplane;

import io.switchboard.backplane.internal.ChannelDispatcher;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * A pub/sub bus inside one process: each {@link #connect()} is one "server" on it. Useful to run
 * several hub servers in one JVM, e.g. in an application's tests, with the same routing, ordering
 * and at-most-once delivery as a real bus. Close it to stop its delivery threads.
 */
public final class InMemoryBroker implements AutoCloseable {
  private final Map<String, Set<InMemoryBackplane>> subscribers = new ConcurrentHashMap<>();
  private final ExecutorService deliveries = ChannelDispatcher.daemonThreads("switchboard-inmemory-bus");

  /** A broker with its own pool of daemon delivery threads. */
  public InMemoryBroker() {}

  /** A new server's connection to this bus. */
  public InMemoryBackplane connect() {
    return new InMemoryBackplane(this, new ChannelDispatcher(deliveries));
  }

  void subscribe(String channel, InMemoryBackplane node) {
    subscribers.computeIfAbsent(channel, key -> ConcurrentHashMap.newKeySet()).add(node);
  }

  void unsubscribe(String channel, InMemoryBackplane node) {
    subscribers.computeIfPresent(
        channel,
        (key, nodes) -> {
          nodes.remove(node);
          return nodes.isEmpty() ? null : nodes;
        });
  }

  /** Hands a message to every reachable subscriber; returns how many got it. */
  long publish(String channel, byte[] message) {
    long receivers = 0;
    for (InMemoryBackplane node : subscribers.getOrDefault(channel, Set.of())) {
      if (node.deliver(channel, message)) {
        receivers++;
      }
    }
    return receivers;
  }

  @Override
  public void close() {
    deliveries.shutdownNow();
  }
}
