package io.switchboard.hub;

import io.switchboard.lifetime.HubLifetimeManager;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The selections of a hub method: relative to its calling connection, plus all the others. */
final class CallerHubClients extends LifetimeHubClients implements HubCallerClients {
  private final HubConnectionContext caller;

  CallerHubClients(HubLifetimeManager lifetime, HubConnectionContext caller) {
    super(lifetime);
    this.caller = caller;
  }

  @Override
  public ClientProxy caller() {
    // The caller is local: write to it directly, without a lifetime-manager lookup.
    return (method, args) -> {
      caller.write(invocation(method, args));
      return CompletableFuture.completedFuture(null);
    };
  }

  @Override
  public ClientProxy others() {
    return allExcept(List.of(caller.connectionId()));
  }

  @Override
  public ClientProxy othersInGroup(String groupName) {
    return groupExcept(groupName, List.of(caller.connectionId()));
  }
}
