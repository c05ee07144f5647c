package io.switchboard.hub;

import java.util.concurrent.CompletableFuture;

/** Adds connections to named groups and removes them. A connection leaves all groups when it ends. */
public interface GroupManager {

  /** Adds a connection to a group. */
  CompletableFuture<Void> add(String connectionId, String groupName);

  /** Removes a connection from a group. */
  CompletableFuture<Void> remove(String connectionId, String groupName);
}
