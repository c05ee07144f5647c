package io.switchboard.server;

import io.switchboard.backplane.Backplane;
import io.switchboard.connection.ConnectionEndpoint;
import io.switchboard.connection.ConnectionHandler;
import io.switchboard.connection.EndpointOptions;
import io.switchboard.hub.Hub;
import io.switchboard.hub.HubContext;
import io.switchboard.events.EndpointEvents;
import io.switchboard.events.SwitchboardEvents;
import io.switchboard.events.SwitchboardTracer;
import io.switchboard.hub.HubEndpoint;
import io.switchboard.hub.HubExecutors;
import io.switchboard.hub.HubFactory;
import io.switchboard.hub.HubFilter;
import io.switchboard.hub.HubOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a server serves, whatever its transport: the hubs and raw endpoints mounted on
 * case-insensitive paths (one lifetime manager per hub class, over the backplane if there is
 * one), their one heartbeat scheduler, the health and draining state, and the shutdown order. A
 * transport adapter (Netty's {@code SwitchboardServer}, or any other) routes each request with
 * {@link #routes()}, serves it with the matched {@link ConnectionEndpoint}, and stops the
 * application with {@link #stop(Duration)} once it accepts no more requests.
 *
 * <pre>{@code
 * SwitchboardApplication application = SwitchboardApplication.builder()
 *     .hub("/chat", ChatHub.class)
 *     .build();
 * }</pre>
 */
public final class SwitchboardApplication implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SwitchboardApplication.class);

  private final EndpointRoutes routes;
  private final Map<String, HubEndpoint<?>> hubs;
  private final Backplane backplane;
  private final List<AutoCloseable> lifetimeManagers;
  private final HubExecutors threads;
  private final List<AutoCloseable> closedOnStop;
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  private SwitchboardApplication(
      EndpointRoutes routes, MountedHubs mounted, HubExecutors threads, List<AutoCloseable> closedOnStop) {
    this.routes = routes;
    this.closedOnStop = closedOnStop;
    this.hubs = mounted.endpoints();
    this.backplane = mounted.backplane();
    this.lifetimeManagers = mounted.lifetimeManagers();
    this.threads = threads;
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The mounted endpoints by path. */
  public EndpointRoutes routes() {
    return routes;
  }

  /**
   * Sends to the clients of the first hub mounted with this class, from outside any hub method.
   *
   * @throws IllegalArgumentException if no hub of that class is mounted
   */
  public HubContext hubContext(Class<? extends Hub> hubClass) {
    for (HubEndpoint<?> hub : hubs.values()) {
      if (hub.hubClass() == hubClass) {
        return hub.hubContext();
      }
    }
    throw new IllegalArgumentException("No hub of type " + hubClass.getName() + " is mounted");
  }

  /**
   * Sends to the clients of the hub mounted on {@code path} (case-insensitive).
   *
   * @throws IllegalArgumentException if no hub is mounted there
   */
  public HubContext hubContext(String path) {
    HubEndpoint<?> hub = hubs.get(path.toLowerCase(Locale.ROOT));
    if (hub == null) {
      throw new IllegalArgumentException("No hub is mounted on " + path);
    }
    return hub.hubContext();
  }

  /**
   * {@link Health#DRAINING} once {@link #startDraining()} was called, else {@link
   * Health#UNHEALTHY} while the backplane is down, else {@link Health#HEALTHY}. Never blocks.
   */
  public Health health() {
    if (draining.get()) {
      return Health.DRAINING;
    }
    return backplane == null || backplane.isHealthy() ? Health.HEALTHY : Health.UNHEALTHY;
  }

  /** From now on {@link #health()} is {@link Health#DRAINING}; connections are served as before. */
  public void startDraining() {
    draining.set(true);
  }

  /**
   * Ends every connection gracefully: each hub is shut down (its clients get a Close message that
   * lets them reconnect elsewhere), then every endpoint's remaining connections are closed.
   * Completes when all connections are gone and every hub's OnDisconnected has run for them.
   */
  public CompletableFuture<Void> shutdown() {
    List<CompletableFuture<Void>> drained = new ArrayList<>();
    // First, so that connections a hub's shutdown closes count as ended by the shutdown.
    routes.endpoints().forEach(ConnectionEndpoint::beginShutdown);
    for (ConnectionEndpoint endpoint : routes.endpoints()) {
      HubEndpoint<?> hub = endpoint.handler() instanceof HubEndpoint<?> mounted ? mounted : null;
      if (hub != null) {
        try {
          hub.shutdown();
        } catch (RuntimeException e) {
          LOG.error("Shutting down hub {} failed", hub.hubClass().getName(), e);
        }
      }
      CompletableFuture<Void> closed = endpoint.shutdown();
      // The connections' ends reach their hub after they left the endpoint.
      drained.add(hub == null ? closed : closed.thenCompose(gone -> hub.whenDisconnected()));
    }
    return CompletableFuture.allOf(drained.toArray(CompletableFuture[]::new));
  }

  /**
   * Stops in the reference's order: {@link #shutdown()}, waiting up to {@code timeout} for the
   * connections to end, then {@link #close()}. Call it once the transport accepts no new requests.
   */
  public void stop(Duration timeout) {
    try {
      shutdown().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn("Connections still open after {} ms; closing them", timeout.toMillis());
    } catch (ExecutionException e) {
      LOG.warn("Shutting down connections failed; closing them", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
  }

  /**
   * Closes the hubs' lifetime managers (leaving the backplane, which the application owns), then
   * the hubs, then stops the heartbeat and the hub threads, whether or not {@link #shutdown()} has
   * completed, then closes what {@link Builder#closeOnStop} was given. Later calls do nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (AutoCloseable manager : lifetimeManagers) {
      try {
        manager.close();
      } catch (Exception e) {
        LOG.warn("Closing a hub's lifetime manager failed", e);
      }
    }
    for (ConnectionEndpoint endpoint : routes.endpoints()) {
      if (endpoint.handler() instanceof HubEndpoint<?> hub) {
        hub.close();
      }
    }
    threads.close();
    for (AutoCloseable resource : closedOnStop) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("Closing {} failed", resource, e);
      }
    }
  }

  /** Mounts hubs and endpoints; {@link #build()} makes the application. */
  public static final class Builder {
    private final List<Mount> mounts = new ArrayList<>();
    private final List<Consumer<HubOptions.Builder>> hubDefaults = new ArrayList<>();
    private final List<HubFilter> globalFilters = new ArrayList<>();
    private final List<SwitchboardEvents> events = new ArrayList<>();
    private final List<AutoCloseable> closedOnStop = new ArrayList<>();
    private Backplane backplane;

    private Builder() {}

    /** Mounts a hub created with its no-argument constructor and default options. */
    public <T extends Hub> Builder hub(String path, Class<T> hubClass) {
      return hub(path, hubClass, options -> {});
    }

    /** Mounts a hub created with its no-argument constructor, with customized options. */
    public <T extends Hub> Builder hub(
        String path, Class<T> hubClass, Consumer<HubOptions.Builder> optionsCustomizer) {
      return hub(path, hubClass, HubEndpoint.constructorOf(hubClass), optionsCustomizer);
    }

    /** Mounts a hub whose instances {@code factory} creates, with customized options. */
    public <T extends Hub> Builder hub(
        String path,
        Class<T> hubClass,
        HubFactory<T> factory,
        Consumer<HubOptions.Builder> optionsCustomizer) {
      mounts.add(
          new PendingHub<>(
              checkPath(path), hubClass, factory, Objects.requireNonNull(optionsCustomizer)));
      return this;
    }

    /**
     * Mounts a hub endpoint created by the application (with its own lifetime manager); the
     * builder's hub defaults, global filters and backplane do not apply to it.
     */
    public Builder hub(String path, HubEndpoint<?> hub) {
      return endpoint(path, hub, hub.endpointOptions());
    }

    /**
     * The keep-alive interval of every hub (default 15 s, the reference's): the server pings a
     * quiet WebSocket or Server-Sent Events connection this often, which keeps it alive through a
     * proxy's idle timeout (60 s on an AWS ALB and in nginx). A hub's own options may override it.
     */
    public Builder keepAliveInterval(Duration value) {
      Objects.requireNonNull(value);
      hubDefaults.add(hub -> hub.keepAliveInterval(value));
      return this;
    }

    /**
     * How long a long poll of every hub waits for data before it is answered empty (default 90 s,
     * the reference's). Behind a proxy it must be shorter than the proxy's idle timeout (an AWS
     * ALB's and nginx's 60 s by default), or the proxy cuts the poll first. A hub's own options may
     * override it.
     */
    public Builder longPollTimeout(Duration value) {
      Objects.requireNonNull(value);
      hubDefaults.add(hub -> hub.endpoint(endpoint -> endpoint.longPollTimeout(value)));
      return this;
    }

    /**
     * Scales every hub out over a backplane (e.g. Redis): its clients then reach, and are reached
     * from, every server on the same backplane. The application owns the backplane and closes it
     * after the server.
     */
    public Builder backplane(Backplane value) {
      backplane = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Adds a listener of what every endpoint's connections and hubs do (meters, logs); several
     * are called in the order added. None by default, which costs nothing.
     */
    public Builder events(SwitchboardEvents listener) {
      events.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Traces every hub's invocations and events and carries their traces across the backplane
     * (e.g. {@code SwitchboardTracing} of {@code switchboard-opentelemetry}). None by default,
     * which costs nothing; a hub's own options may override it.
     */
    public Builder tracer(SwitchboardTracer value) {
      Objects.requireNonNull(value);
      hubDefaults.add(hub -> hub.tracer(value));
      return this;
    }

    /** Adds a filter around every hub's invocations and events, outside the hubs' own filters. */
    public Builder filter(HubFilter filter) {
      globalFilters.add(Objects.requireNonNull(filter));
      return this;
    }

    /**
     * Closes {@code resource} when the application closes, after its hub threads, in the order
     * added: what an add-on of the server owns, e.g. the threads of its own HTTP handler.
     */
    public Builder closeOnStop(AutoCloseable resource) {
      closedOnStop.add(Objects.requireNonNull(resource, "resource"));
      return this;
    }

    /** Mounts a raw connection handler (no hub protocol) with default options. */
    public Builder endpoint(String path, ConnectionHandler handler) {
      return endpoint(path, handler, EndpointOptions.defaults());
    }

    /** Mounts a raw connection handler (no hub protocol). */
    public Builder endpoint(String path, ConnectionHandler handler, EndpointOptions options) {
      mounts.add(
          new RawEndpoint(
              checkPath(path),
              Objects.requireNonNull(handler, "handler"),
              Objects.requireNonNull(options, "options")));
      return this;
    }

    /**
     * Creates the hubs, their lifetime managers and the hub threads (started on demand).
     *
     * @throws IllegalArgumentException if two endpoints share a path or a path lacks its slash
     */
    public SwitchboardApplication build() {
      List<HubMount<?>> hubMounts = new ArrayList<>();
      for (Mount mount : mounts) {
        if (mount instanceof PendingHub<?> pending) {
          hubMounts.add(pending.mount(hubDefaults));
        }
      }
      HubExecutors threads = HubExecutors.create();
      ScheduledExecutorService heartbeat = threads.heartbeat();
      SwitchboardEvents listener = SwitchboardEvents.all(events);
      MountedHubs mounted = MountedHubs.create(hubMounts, globalFilters, backplane, threads, listener);
      if (backplane != null && listener != SwitchboardEvents.NONE) {
        backplane.addHealthListener(new BackplaneHealthEvents(listener));
      }
      EndpointRoutes routes = new EndpointRoutes();
      try {
        for (Mount mount : mounts) {
          EndpointEvents endpointEvents = EndpointEvents.of(listener, mount.path());
          if (mount instanceof RawEndpoint raw) {
            routes.add(
                raw.path(),
                new ConnectionEndpoint(raw.handler(), raw.options(), heartbeat, endpointEvents));
          } else {
            HubEndpoint<?> hub = mounted.endpoints().get(mount.path().toLowerCase(Locale.ROOT));
            routes.add(
                mount.path(),
                new ConnectionEndpoint(hub, hub.endpointOptions(), heartbeat, endpointEvents));
          }
        }
      } catch (RuntimeException e) {
        mounted.endpoints().values().forEach(HubEndpoint::shutdown);
        new SwitchboardApplication(routes, mounted, threads, List.copyOf(closedOnStop)).close();
        throw e;
      }
      return new SwitchboardApplication(routes, mounted, threads, List.copyOf(closedOnStop));
    }

    private static String checkPath(String path) {
      Objects.requireNonNull(path, "path");
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("An endpoint path must start with '/': " + path);
      }
      return path;
    }

    /** A path and what is mounted on it, in mount order. */
    private sealed interface Mount permits PendingHub, RawEndpoint {
      String path();
    }

    private record RawEndpoint(String path, ConnectionHandler handler, EndpointOptions options)
        implements Mount {}

    /** A hub to mount at build, when the defaults for every hub are known. */
    private record PendingHub<T extends Hub>(
        String path, Class<T> hubClass, HubFactory<T> factory, Consumer<HubOptions.Builder> customizer)
        implements Mount {
      HubMount<T> mount(List<Consumer<HubOptions.Builder>> defaults) {
        HubOptions.Builder options = HubOptions.builder();
        defaults.forEach(apply -> apply.accept(options));
        customizer.accept(options);
        return new HubMount<>(path, hubClass, factory, options.build());
      }
    }
  }
}
