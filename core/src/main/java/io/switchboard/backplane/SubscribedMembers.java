package io.switchboard.backplane;

import io.switchboard.lifetime.HubConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Local members of named sets (groups, or the connections of each user), each set backed by a
 * backplane subscription: SUBSCRIBE when its first local member arrives, UNSUBSCRIBE when the last
 * one leaves. One lock orders every change, so the bus sees subscribes and unsubscribes of a
 * channel in the order of the changes. Names are ordinal (case-sensitive).
 */
final class SubscribedMembers {
  private record Entry(Set<HubConnection> members, CompletableFuture<Void> subscribed) {}

  private final Backplane bus;
  private final Function<String, String> channelOf;
  private final BiConsumer<String, byte[]> handler;
  private final Map<String, Entry> entries = new HashMap<>();
  private final Map<HubConnection, Set<String>> namesOf = new HashMap<>();

  /**
   * @param channelOf the channel of a set's name
   * @param handler gets the set's name and each message of its channel
   */
  SubscribedMembers(
      Backplane bus, Function<String, String> channelOf, BiConsumer<String, byte[]> handler) {
    this.bus = bus;
    this.channelOf = channelOf;
    this.handler = handler;
  }

  /** Adds a member; completes once the set's channel is subscribed. */
  synchronized CompletableFuture<Void> add(String name, HubConnection connection) {
    Entry entry = entries.get(name);
    if (entry == null) {
      CompletableFuture<Void> subscribed =
          bus.subscribe(channelOf.apply(name), message -> handler.accept(name, message));
      entry = new Entry(new HashSet<>(), subscribed);
      entries.put(name, entry);
    }
    entry.members().add(connection);
    namesOf.computeIfAbsent(connection, key -> new HashSet<>()).add(name);
    return entry.subscribed();
  }

  /** Removes a member (nothing when it is none); completes once an unneeded channel is left. */
  synchronized CompletableFuture<Void> remove(String name, HubConnection connection) {
    Set<String> names = namesOf.get(connection);
    if (names != null && names.remove(name) && names.isEmpty()) {
      namesOf.remove(connection);
    }
    Entry entry = entries.get(name);
    if (entry == null || !entry.members().remove(connection) || !entry.members().isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    entries.remove(name);
    return bus.unsubscribe(channelOf.apply(name));
  }

  /** Removes a connection from every set it is in. */
  synchronized void removeEverywhere(HubConnection connection) {
    Set<String> names = namesOf.get(connection);
    if (names != null) {
      for (String name : List.copyOf(names)) {
        remove(name, connection);
      }
    }
  }

  /** A snapshot of the set's local members. */
  synchronized List<HubConnection> members(String name) {
    Entry entry = entries.get(name);
    return entry == null ? List.of() : new ArrayList<>(entry.members());
  }

  /** Leaves every channel and forgets every member. */
  synchronized void clear() {
    for (String name : entries.keySet()) {
      bus.unsubscribe(channelOf.apply(name));
    }
    entries.clear();
    namesOf.clear();
  }
}
