package io.switchboard.lifetime;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named sets of connections (groups, or the connections of each user), indexed both ways so that
 * a connection that ends can leave all of its sets without scanning every set.
 */
final class MembershipIndex {
  private final Map<String, Set<HubConnection>> membersByName = new ConcurrentHashMap<>();
  private final Map<HubConnection, Set<String>> namesByMember = new ConcurrentHashMap<>();

  void add(String name, HubConnection connection) {
    membersByName.compute(
        name,
        (key, members) -> {
          Set<HubConnection> set = members != null ? members : ConcurrentHashMap.newKeySet();
          set.add(connection);
          return set;
        });
    namesByMember.computeIfAbsent(connection, key -> ConcurrentHashMap.newKeySet()).add(name);
  }

  void remove(String name, HubConnection connection) {
    membersByName.computeIfPresent(
        name,
        (key, members) -> {
          members.remove(connection);
          return members.isEmpty() ? null : members;
        });
    Set<String> names = namesByMember.get(connection);
    if (names != null) {
      names.remove(name);
    }
  }

  void removeEverywhere(HubConnection connection) {
    Set<String> names = namesByMember.remove(connection);
    if (names != null) {
      for (String name : names) {
        remove(name, connection);
      }
    }
  }

  Set<HubConnection> members(String name) {
    Set<HubConnection> members = membersByName.get(name);
    return members == null ? Set.of() : members;
  }
}
