package io.switchboard.backplane.redis;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The channels the backplane wants, with their handlers: the truth it restores after a reconnect.
 * Also the channels whose UNSUBSCRIBE could not reach Redis: Lettuce re-subscribes what it last
 * saw subscribed, so those are unsubscribed again after the restore.
 */
final class Subscriptions {
  private final Map<String, Consumer<byte[]>> handlers = new ConcurrentHashMap<>();
  private final Set<String> stale = new HashSet<>();

  synchronized void add(String channel, Consumer<byte[]> handler) {
    handlers.put(channel, handler);
    stale.remove(channel);
  }

  synchronized void remove(String channel) {
    handlers.remove(channel);
  }

  /** The UNSUBSCRIBE of a channel failed: it may still be subscribed after a reconnect. */
  synchronized void unsubscribeFailed(String channel) {
    if (!handlers.containsKey(channel)) {
      stale.add(channel);
    }
  }

  /** The handler of a channel, or null when it is not wanted. */
  Consumer<byte[]> handler(String channel) {
    return handlers.get(channel);
  }

  /** Every wanted channel. */
  synchronized List<String> wanted() {
    return List.copyOf(handlers.keySet());
  }

  /** Takes the channels to unsubscribe again. */
  synchronized List<String> takeStale() {
    List<String> channels = List.copyOf(stale);
    stale.clear();
    return channels;
  }
}
