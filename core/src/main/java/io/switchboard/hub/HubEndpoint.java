package io.switchboard.hub;

import io.switchboard.auth.AuthenticationOutcome;
import io.switchboard.connection.Connection;
import io.switchboard.connection.ConnectionHandler;
import io.switchboard.connection.ConnectionListener;
import io.switchboard.connection.EndpointOptions;
import io.switchboard.connection.HttpRequestInfo;
import io.switchboard.lifetime.HubLifetimeManager;
import io.switchboard.lifetime.InMemoryHubLifetimeManager;
import java.lang.reflect.Constructor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.LoggerFactory;

/**
 * A hub served on connections: the hub layer's {@link ConnectionHandler}. Transports mount it on a
 * path; {@link #hubContext()} sends to its clients from anywhere.
 *
 * @param <T> the hub type
 */
public final class HubEndpoint<T extends Hub> implements ConnectionHandler, AutoCloseable {
  private final HubRuntime<T> runtime;
  private final HubContext hubContext;
  private final HubExecutors ownThreads;

  private HubEndpoint(
      Class<T> hubClass,
      HubFactory<T> factory,
      HubOptions options,
      HubLifetimeManager lifetime,
      HubExecutors threads,
      HubExecutors ownThreads) {
    this.runtime = new HubRuntime<>(hubClass, factory, options, lifetime, threads);
    this.ownThreads = ownThreads;
    this.hubContext =
        new DefaultHubContext(new LifetimeHubClients(lifetime), new LifetimeGroupManager(lifetime));
  }

  /**
   * A hub created with its no-argument constructor, on a single server.
   *
   * @throws IllegalArgumentException when the hub class has no no-argument constructor
   */
  public static <T extends Hub> HubEndpoint<T> create(Class<T> hubClass, HubOptions options) {
    return create(hubClass, constructorOf(hubClass), options);
  }

  /**
   * A factory that calls the hub's no-argument constructor.
   *
   * @throws IllegalArgumentException when the hub class has no no-argument constructor
   */
  public static <T extends Hub> HubFactory<T> constructorOf(Class<T> hubClass) {
    Constructor<T> constructor;
    try {
      constructor = hubClass.getDeclaredConstructor();
      constructor.setAccessible(true);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(
          hubClass.getName() + " needs a no-argument constructor, or pass a HubFactory", e);
    }
    return constructor::newInstance;
  }

  /** A hub created by a factory, on a single server. */
  public static <T extends Hub> HubEndpoint<T> create(
      Class<T> hubClass, HubFactory<T> factory, HubOptions options) {
    return create(hubClass, factory, options, new InMemoryHubLifetimeManager());
  }

  /**
   * A hub created by a factory, whose connections are tracked by {@code lifetime}, on threads of
   * its own that {@link #close()} ends.
   */
  public static <T extends Hub> HubEndpoint<T> create(
      Class<T> hubClass, HubFactory<T> factory, HubOptions options, HubLifetimeManager lifetime) {
    HubExecutors own = HubExecutors.create();
    return new HubEndpoint<>(hubClass, factory, options, lifetime, own, own);
  }

  /**
   * A hub created by a factory, whose connections are tracked by {@code lifetime}, on a server's
   * {@code threads} (which the server closes, not {@link #close()}).
   */
  public static <T extends Hub> HubEndpoint<T> create(
      Class<T> hubClass,
      HubFactory<T> factory,
      HubOptions options,
      HubLifetimeManager lifetime,
      HubExecutors threads) {
    return new HubEndpoint<>(hubClass, factory, options, lifetime, threads, null);
  }

  /** The hub class. */
  public Class<T> hubClass() {
    return runtime.hubClass;
  }

  /** The connection-layer options (transports, stateful reconnect). */
  public EndpointOptions endpointOptions() {
    return runtime.options.endpoint();
  }

  /** Sends to this hub's clients from outside any hub method. */
  public HubContext hubContext() {
    return hubContext;
  }

  @Override
  public ConnectionListener onConnected(Connection connection) {
    return new HubConnectionContext(connection, runtime);
  }

  @Override
  public AuthenticationOutcome authenticate(HttpRequestInfo request) {
    return runtime.authorization.authenticate(request);
  }

  /** The hub executor when an authenticator or policy (user code that may block) checks requests. */
  @Override
  public Executor authenticationExecutor() {
    return runtime.authorization.checksRequests() ? runtime.executor : null;
  }

  /**
   * Shuts the hub down: runs the {@link HubOptions#beforeShutdown} actions, then closes every
   * connection with a Close message that lets clients reconnect (to another node), and stops the
   * hub's timers. Transports then wait for the connections to end, within their stop timeout.
   */
  public void shutdown() {
    for (var action : runtime.options.beforeShutdown()) {
      try {
        action.accept(hubContext);
      } catch (RuntimeException e) {
        LoggerFactory.getLogger(HubEndpoint.class).warn("A shutdown action of hub {} failed", hubClass().getName(), e);
      }
    }
    runtime.shutdown();
  }

  /**
   * Completes once every connection's end has been handled: its OnDisconnected ran (or was skipped
   * because the hub threads had stopped). A connection leaves its endpoint before its hub hears
   * of the end, so a shutdown waits for this too before it stops the hub threads.
   */
  public CompletableFuture<Void> whenDisconnected() {
    return runtime.disconnects.whenAllHandled();
  }

  /**
   * Ends the threads this hub owns (none when it runs on a server's); call it after {@link
   * #shutdown()}, once its connections are gone.
   */
  @Override
  public void close() {
    if (ownThreads != null) {
      ownThreads.close();
    }
  }

  private record DefaultHubContext(HubClients clients, GroupManager groups) implements HubContext {}
}
