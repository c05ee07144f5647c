package io.switchboard.lifetime;

import io.switchboard.connection.internal.WriteBatch;
import io.switchboard.protocol.InvocationMessage;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The lifetime manager of a single server: connections, groups and users held in memory. Every
 * send encodes its message at most once per hub protocol ({@link SerializedHubMessage}).
 */
public final class InMemoryHubLifetimeManager implements HubLifetimeManager {
  private final Map<String, HubConnection> connections = new ConcurrentHashMap<>();
  private final MembershipIndex groups = new MembershipIndex();
  private final MembershipIndex users = new MembershipIndex();

  @Override
  public CompletionStage<Void> onConnected(HubConnection connection) {
    connections.put(connection.connectionId(), connection);
    if (connection.userIdentifier() != null) {
      users.add(connection.userIdentifier(), connection);
    }
    return CompletableFuture.completedStage(null);
  }

  @Override
  public CompletionStage<Void> onDisconnected(HubConnection connection) {
    connections.remove(connection.connectionId());
    groups.removeEverywhere(connection);
    if (connection.userIdentifier() != null) {
      users.remove(connection.userIdentifier(), connection);
    }
    return CompletableFuture.completedStage(null);
  }

  @Override
  public CompletableFuture<Void> sendAll(
      InvocationMessage message, Collection<String> excludedConnectionIds) {
    SerializedHubMessage serialized = new SerializedHubMessage(message);
    ExcludedConnections excluded = ExcludedConnections.of(excludedConnectionIds, connections);
    WriteBatch.run(
        () -> {
          for (HubConnection connection : connections.values()) {
            if (!excluded.contains(connection)) {
              connection.write(serialized);
            }
          }
        });
    return done();
  }

  @Override
  public CompletableFuture<Void> sendConnections(
      InvocationMessage message, Collection<String> connectionIds) {
    SerializedHubMessage serialized = new SerializedHubMessage(message);
    Runnable writes =
        () -> {
          for (String connectionId : connectionIds) {
            HubConnection connection = connections.get(connectionId);
            if (connection != null) {
              connection.write(serialized);
            }
          }
        };
    if (connectionIds.size() > 1) {
      WriteBatch.run(writes);
    } else {
      writes.run(); // one connection (Clients.Client): nothing to gather
    }
    return done();
  }

  @Override
  public CompletableFuture<Void> sendGroups(
      InvocationMessage message,
      Collection<String> groupNames,
      Collection<String> excludedConnectionIds) {
    SerializedHubMessage serialized = new SerializedHubMessage(message);
    ExcludedConnections excluded = ExcludedConnections.of(excludedConnectionIds, connections);
    forEachMember(
        groups,
        groupNames,
        connection -> {
          if (!excluded.contains(connection)) {
            connection.write(serialized);
          }
        });
    return done();
  }

  @Override
  public CompletableFuture<Void> sendUsers(InvocationMessage message, Collection<String> userIds) {
    SerializedHubMessage serialized = new SerializedHubMessage(message);
    forEachMember(users, userIds, connection -> connection.write(serialized));
    return done();
  }

  @Override
  public <T> CompletableFuture<T> invokeConnection(
      String connectionId, String method, Object[] args, Class<T> resultType) {
    HubConnection connection = connections.get(connectionId);
    if (connection == null) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("Connection '" + connectionId + "' does not exist."));
    }
    return connection.invoke(method, args, resultType);
  }

  @Override
  public CompletableFuture<Void> addToGroup(String connectionId, String groupName) {
    HubConnection connection = connections.get(connectionId);
    if (connection != null) {
      groups.add(groupName, connection);
    }
    return done();
  }

  @Override
  public CompletableFuture<Void> removeFromGroup(String connectionId, String groupName) {
    HubConnection connection = connections.get(connectionId);
    if (connection != null) {
      groups.remove(groupName, connection);
    }
    return done();
  }

  /**
   * Visits each member of the named sets once, even when it belongs to several of them, in one
   * write batch.
   */
  private static void forEachMember(
      MembershipIndex index, Collection<String> names, Consumer<HubConnection> action) {
    WriteBatch.run(() -> visitEachMemberOnce(index, names, action));
  }

  private static void visitEachMemberOnce(
      MembershipIndex index, Collection<String> names, Consumer<HubConnection> action) {
    if (names.size() == 1) {
      index.members(names.iterator().next()).forEach(action);
      return;
    }
    Set<HubConnection> seen = new HashSet<>();
    for (String name : names) {
      for (HubConnection connection : index.members(name)) {
        if (seen.add(connection)) {
          action.accept(connection);
        }
      }
    }
  }

  private static CompletableFuture<Void> done() {
    return CompletableFuture.completedFuture(null);
  }
}
