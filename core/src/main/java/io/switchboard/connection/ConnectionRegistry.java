package io.switchboard.connection;

import io.switchboard.events.EndpointEvents;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The live connections of one endpoint, keyed by connection token (protocol §9.1: with negotiate
 * v1 the token, never the public id, opens a transport). Tokens are matched case-sensitively.
 */
final class ConnectionRegistry {
  private final ConcurrentHashMap<String, ManagedConnection> byToken = new ConcurrentHashMap<>();
  /**
   * Tokens of HTTP-transport connections ended on purpose (by the application or the client's
   * DELETE), with when they were forgotten: a poll or DELETE of theirs still under way gets the
   * answer of an ended connection (204, 202) rather than "No Connection with that ID", for one
   * disconnect timeout. Clients race their last poll against their DELETE.
   */
  private final ConcurrentHashMap<String, Long> endedByServer = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  private final LongSupplier nanoClock;
  private final EndpointEvents events;
  private volatile boolean draining;

  ConnectionRegistry(LongSupplier nanoClock) {
    this(nanoClock, EndpointEvents.NONE);
  }

  ConnectionRegistry(LongSupplier nanoClock, EndpointEvents events) {
    this.nanoClock = nanoClock;
    this.events = events;
  }

  /**
   * Creates and registers a connection. Version 0 connections use their id as token; later
   * versions get an independent random token.
   */
  ManagedConnection create(ConnectionHandler handler, int negotiateVersion, boolean stateful) {
    String id = ConnectionIds.next();
    String token = negotiateVersion > 0 ? ConnectionIds.next() : id;
    ManagedConnection connection =
        new ManagedConnection(id, token, stateful, handler, this, nanoClock, events);
    byToken.put(token, connection);
    return connection;
  }

  /** The connection registered under {@code token}, or null. */
  ManagedConnection find(String token) {
    return byToken.get(token);
  }

  void remove(ManagedConnection connection) {
    if (connection.endedOnPurpose() && connection.transportType() != TransportType.WEB_SOCKETS) {
      endedByServer.put(connection.token(), nanoClock.getAsLong());
    }
    byToken.remove(connection.token(), connection);
    if (draining && byToken.isEmpty()) {
      drained.complete(null);
    }
  }

  /** Whether the connection of {@code token} was ended on purpose lately (see the field). */
  boolean endedByServer(String token) {
    return endedByServer.containsKey(token);
  }

  /** Forgets ended connections older than {@code timeoutNanos}. */
  void forgetEndedOlderThan(long timeoutNanos) {
    long now = nanoClock.getAsLong();
    endedByServer.values().removeIf(endedAt -> now - endedAt > timeoutNanos);
  }

  Collection<ManagedConnection> connections() {
    return byToken.values();
  }

  int size() {
    return byToken.size();
  }

  /** Completes once every connection is gone; no new ones are expected after this call. */
  CompletableFuture<Void> whenDrained() {
    draining = true;
    if (byToken.isEmpty()) {
      drained.complete(null);
    }
    return drained;
  }
}
