package io.switchboard.lifetime;

import java.util.Collection;
import java.util.Map;

/**
 * The connections one send leaves out ({@code Clients.Others}, {@code AllExcept}), told apart
 * from the recipients by identity: comparing ids would read every recipient's id string (two
 * objects cold in the cache per recipient of a broadcast to thousands). An excluded id without a
 * connection here (yet) is compared by id instead, as it may connect during the send.
 */
final class ExcludedConnections {
  private static final HubConnection[] NONE = new HubConnection[0];

  private final Collection<String> ids;
  /** The excluded connections, or null when an excluded id has none: compare ids. */
  private final HubConnection[] connections;

  private ExcludedConnections(Collection<String> ids, HubConnection[] connections) {
    this.ids = ids;
    this.connections = connections;
  }

  /** The connections of {@code connectionsById} that {@code ids} names. */
  static ExcludedConnections of(Collection<String> ids, Map<String, HubConnection> connectionsById) {
    if (ids.isEmpty()) {
      return new ExcludedConnections(ids, NONE);
    }
    HubConnection[] found = new HubConnection[ids.size()];
    int i = 0;
    for (String id : ids) {
      HubConnection connection = connectionsById.get(id);
      if (connection == null) {
        return new ExcludedConnections(ids, null);
      }
      found[i++] = connection;
    }
    return new ExcludedConnections(ids, found);
  }

  /** Whether {@code connection} is left out. */
  boolean contains(HubConnection connection) {
    if (connections == null) {
      return ids.contains(connection.connectionId());
    }
    for (HubConnection excluded : connections) {
      if (excluded == connection) {
        return true;
      }
    }
    return false;
  }
}
