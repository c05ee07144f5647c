package io.switchboard.lifetime;

import io.switchboard.protocol.InvocationMessage;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Knows which connections exist and which groups and users they belong to, and delivers
 * invocations to them: in memory for one server, or across servers over a backplane. One instance
 * per hub.
 */
public interface HubLifetimeManager {

  /**
   * A connection completed its handshake on this server. Must not block: a backplane's
   * subscriptions are awaited through the returned stage, which completes once the connection can
   * be reached (the hub answers the handshake only then); a failed stage closes the connection.
   */
  CompletionStage<Void> onConnected(HubConnection connection);

  /** A connection of this server ended; it leaves every group. Must not block. */
  CompletionStage<Void> onDisconnected(HubConnection connection);

  /** Sends to every connection except the excluded ids. */
  CompletableFuture<Void> sendAll(InvocationMessage message, Collection<String> excludedConnectionIds);

  /** Sends to these connections. */
  CompletableFuture<Void> sendConnections(InvocationMessage message, Collection<String> connectionIds);

  /** Sends to the members of these groups (each connection once), except the excluded ids. */
  CompletableFuture<Void> sendGroups(
      InvocationMessage message, Collection<String> groupNames, Collection<String> excludedConnectionIds);

  /** Sends to every connection of these users. */
  CompletableFuture<Void> sendUsers(InvocationMessage message, Collection<String> userIds);

  /**
   * Asks one connection's client for a result (client results), wherever the connection is
   * hosted.
   *
   * @return the client's result; fails when the client reports an error or the connection ends
   */
  <T> CompletableFuture<T> invokeConnection(
      String connectionId, String method, Object[] args, Class<T> resultType);

  /** Adds a connection to a group. */
  CompletableFuture<Void> addToGroup(String connectionId, String groupName);

  /** Removes a connection from a group. */
  CompletableFuture<Void> removeFromGroup(String connectionId, String groupName);
}
