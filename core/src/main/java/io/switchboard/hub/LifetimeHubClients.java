package io.switchboard.hub;

import io.switchboard.lifetime.HubLifetimeManager;
import io.switchboard.protocol.InvocationMessage;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Recipient selections that delegate to the hub's lifetime manager. */
class LifetimeHubClients implements HubClients {
  final HubLifetimeManager lifetime;

  LifetimeHubClients(HubLifetimeManager lifetime) {
    this.lifetime = lifetime;
  }

  static InvocationMessage invocation(String method, Object[] args) {
    return new InvocationMessage(method, args);
  }

  @Override
  public ClientProxy all() {
    return allExcept(List.of());
  }

  @Override
  public ClientProxy allExcept(Collection<String> excludedConnectionIds) {
    return (method, args) -> lifetime.sendAll(invocation(method, args), excludedConnectionIds);
  }

  @Override
  public SingleClientProxy client(String connectionId) {
    ClientProxy sender = clients(List.of(connectionId));
    return new SingleClientProxy() {
      @Override
      public CompletableFuture<Void> send(String method, Object... args) {
        return sender.send(method, args);
      }

      @Override
      public <T> CompletableFuture<T> invoke(Class<T> resultType, String method, Object... args) {
        return lifetime.invokeConnection(connectionId, method, args, resultType);
      }
    };
  }

  @Override
  public ClientProxy clients(Collection<String> connectionIds) {
    return (method, args) -> lifetime.sendConnections(invocation(method, args), connectionIds);
  }

  @Override
  public ClientProxy group(String groupName) {
    return groupExcept(groupName, List.of());
  }

  @Override
  public ClientProxy groups(Collection<String> groupNames) {
    return (method, args) -> lifetime.sendGroups(invocation(method, args), groupNames, List.of());
  }

  @Override
  public ClientProxy groupExcept(String groupName, Collection<String> excludedConnectionIds) {
    return (method, args) ->
        lifetime.sendGroups(invocation(method, args), List.of(groupName), excludedConnectionIds);
  }

  @Override
  public ClientProxy user(String userId) {
    return users(List.of(userId));
  }

  @Override
  public ClientProxy users(Collection<String> userIds) {
    return (method, args) -> lifetime.sendUsers(invocation(method, args), userIds);
  }
}
