package io.switchboard.hub;

import io.switchboard.lifetime.HubLifetimeManager;
import io.switchboard.lifetime.SerializedHubMessage;
import io.switchboard.protocol.HubProtocol;
import io.switchboard.protocol.PingMessage;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import io.switchboard.connection.internal.LimitedWarnings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every connection of one hub shares: the hub's methods and options, its lifetime manager,
 * the executor of its methods, and the one-second heartbeat that drives pings and timeouts.
 */
final class HubRuntime<T extends Hub> {
  private static final Logger log = LoggerFactory.getLogger(HubRuntime.class);
  private static final LimitedWarnings HEARTBEAT_FAILURES = new LimitedWarnings(log, "heartbeats failed");

  final Class<T> hubClass;
  final HubOptions options;
  final HubMethodTable methods;
  final HubLifetimeManager lifetime;
  /** Where hub code runs: hub methods, connect and disconnect events, user callbacks. */
  final Executor executor;
  /** Where receive loops run: parsing and dispatch only, never anything that may block. */
  final Executor receiveLoops;
  final HubFilterChain filters;
  final HubAuthorization authorization;
  private final HubFactory<T> factory;
  private final Set<HubConnectionContext> connections = ConcurrentHashMap.newKeySet();
  /** The connections whose OnDisconnected has yet to run. */
  final PendingDisconnects disconnects = new PendingDisconnects();
  private final ScheduledFuture<?> heartbeat;
  private final SerializedHubMessage ping = new SerializedHubMessage(PingMessage.INSTANCE);

  HubRuntime(
      Class<T> hubClass,
      HubFactory<T> factory,
      HubOptions options,
      HubLifetimeManager lifetime,
      HubExecutors threads) {
    this.hubClass = hubClass;
    this.factory = factory;
    this.options = options;
    this.methods = new HubMethodTable(hubClass);
    this.lifetime = lifetime;
    this.filters = new HubFilterChain(options.filters());
    this.authorization = new HubAuthorization(hubClass, options);
    this.executor = options.executor() != null ? options.executor() : threads.invocations();
    this.receiveLoops = threads.receiveLoops();
    this.heartbeat = threads.heartbeat().scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  /** The protocol a handshake asks for (case-insensitive), or null when it is not enabled. */
  HubProtocol findProtocol(String name) {
    for (HubProtocol protocol : options.protocols()) {
      if (protocol.name().equalsIgnoreCase(name)) {
        return protocol;
      }
    }
    return null;
  }

  /** A fresh hub instance wired to a connection. */
  T createHub(HubConnectionContext caller) throws Exception {
    return createHub(caller, caller.clients());
  }

  /** A fresh hub instance wired to a connection, with these caller clients. */
  T createHub(HubConnectionContext caller, HubCallerClients clients) throws Exception {
    T hub = factory.create();
    hub.attach(caller, clients, caller.groupManager());
    return hub;
  }

  /** The Ping message, encoded once per protocol for every connection. */
  SerializedHubMessage ping() {
    return ping;
  }

  void register(HubConnectionContext connection) {
    disconnects.opened();
    connections.add(connection);
  }

  void unregister(HubConnectionContext connection) {
    connections.remove(connection);
  }

  private void tick() {
    long now = System.nanoTime();
    for (HubConnectionContext connection : connections) {
      try {
        connection.onHeartbeat(now);
      } catch (RuntimeException e) {
        HEARTBEAT_FAILURES.warn("Heartbeat of connection {} failed", connection.connectionId(), e);
      }
    }
  }

  /** Ends every connection with a Close message that lets clients reconnect elsewhere. */
  void shutdown() {
    heartbeat.cancel(false);
    for (HubConnectionContext connection : connections) {
      connection.closeForShutdown();
    }
  }
}
