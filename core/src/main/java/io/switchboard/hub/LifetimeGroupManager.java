package io.switchboard.hub;

import io.switchboard.lifetime.HubLifetimeManager;
import java.util.concurrent.CompletableFuture;

/** Group membership through the hub's lifetime manager. */
final class LifetimeGroupManager implements GroupManager {
  private final HubLifetimeManager lifetime;

  LifetimeGroupManager(HubLifetimeManager lifetime) {
    this.lifetime = lifetime;
  }

  @Override
  public CompletableFuture<Void> add(String connectionId, String groupName) {
    return lifetime.addToGroup(connectionId, groupName);
  }

  @Override
  public CompletableFuture<Void> remove(String connectionId, String groupName) {
    return lifetime.removeFromGroup(connectionId, groupName);
  }
}
