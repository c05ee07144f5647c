package io.switchboard.transport.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.switchboard.auth.BrowserOrigins;
import io.switchboard.backplane.Backplane;
import io.switchboard.connection.ConnectionHandler;
import io.switchboard.connection.EndpointOptions;
import io.switchboard.events.SwitchboardEvents;
import io.switchboard.events.SwitchboardTracer;
import io.switchboard.hub.Hub;
import io.switchboard.hub.HubContext;
import io.switchboard.hub.HubEndpoint;
import io.switchboard.hub.HubFactory;
import io.switchboard.hub.HubFilter;
import io.switchboard.hub.HubOptions;
import io.switchboard.server.Health;
import io.switchboard.server.SwitchboardApplication;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone Netty HTTP server for hubs, raw endpoints and the application's own HTTP routes on
 * one port.
 *
 * <pre>{@code
 * SwitchboardServer server = SwitchboardServer.builder()
 *     .port(5000)
 *     .hub("/chat", ChatHub.class, options -> options.enableDetailedErrors(true))
 *     .health("/health")
 *     .start();
 * server.hubContext(ChatHub.class).clients().all().send("Ping");
 * server.close();
 * }</pre>
 *
 * <p>Threads: event loops of the {@link IoTransport} (epoll on Linux, else NIO), one acceptor and
 * Netty's default number of workers. Closing is
 * graceful: the server stops accepting, shuts every hub down and closes every connection, waits up
 * to the stop timeout for them to end, then closes the remaining channels. {@link #drain(Duration)}
 * first takes the server out of a load balancer's rotation.
 */
public final class SwitchboardServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SwitchboardServer.class);
  private static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final long EVENT_LOOP_QUIET_MILLIS = 0;
  private static final long EVENT_LOOP_SHUTDOWN_MILLIS = 2000;

  private final Channel serverChannel;
  private final ChannelGroup channels;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final SwitchboardApplication application;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private SwitchboardServer(
      Channel serverChannel,
      ChannelGroup channels,
      EventLoopGroup boss,
      EventLoopGroup workers,
      SwitchboardApplication application) {
    this.serverChannel = serverChannel;
    this.channels = channels;
    this.boss = boss;
    this.workers = workers;
    this.application = application;
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The port the server is bound to (useful after {@code port(0)}). */
  public int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /** What this server serves, whatever the transport: its hubs, endpoints and health. */
  public SwitchboardApplication application() {
    return application;
  }

  /**
   * Sends to the clients of the first hub mounted with this class, from outside any hub method.
   *
   * @throws IllegalArgumentException if no hub of that class is mounted
   */
  public HubContext hubContext(Class<? extends Hub> hubClass) {
    return application.hubContext(hubClass);
  }

  /**
   * Sends to the clients of the hub mounted on {@code path} (case-insensitive).
   *
   * @throws IllegalArgumentException if no hub is mounted there
   */
  public HubContext hubContext(String path) {
    return application.hubContext(path);
  }

  /**
   * Whether the server can deliver everywhere and is not draining: its {@link #health()} is
   * {@link Health#HEALTHY}.
   */
  public boolean isHealthy() {
    return health() == Health.HEALTHY;
  }

  /**
   * {@link Health#DRAINING} once {@link #drain(Duration)} began, else {@link Health#UNHEALTHY}
   * while the backplane is down, else {@link Health#HEALTHY}: what {@link Builder#health(String)}
   * answers.
   */
  public Health health() {
    return application.health();
  }

  /**
   * Drains, then stops, blocking the caller until the server has stopped. The health endpoint
   * answers {@code 503 Draining} at once, so that a load balancer takes the server out of its
   * rotation; the connections keep being served for {@code delay} (the load balancer's
   * deregistration delay, or the time Kubernetes takes to remove the endpoint); then the server
   * stops as {@link #close()} does: every client gets a Close with {@code allowReconnect: true}, so
   * the official clients' automatic reconnect lands on another server.
   */
  public void drain(Duration delay) throws InterruptedException {
    startDraining();
    LOG.info("Draining: stopping in {} ms", delay.toMillis());
    Thread.sleep(delay.toMillis());
    close();
  }

  /**
   * The first half of {@link #drain(Duration)}, for an application whose platform waits by itself
   * before it stops the server: the health endpoint answers {@code 503 Draining} from now on, and
   * the connections are served as before until {@link #close()}.
   */
  public void startDraining() {
    application.startDraining();
  }

  /** Stops gracefully, waiting up to 10 s for connections to end. */
  @Override
  public void close() {
    stop(DEFAULT_STOP_TIMEOUT);
  }

  /**
   * Stops accepting, ends every connection gracefully (hubs first), waits up to {@code timeout} for
   * them, then closes all channels and the event loops. Later calls do nothing.
   */
  public void stop(Duration timeout) {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    serverChannel.close().awaitUninterruptibly();
    application.stop(timeout);
    channels.close().awaitUninterruptibly();
    shutDown(workers);
    shutDown(boss);
  }

  private static void shutDown(EventLoopGroup group) {
    group
        .shutdownGracefully(
            EVENT_LOOP_QUIET_MILLIS, EVENT_LOOP_SHUTDOWN_MILLIS, TimeUnit.MILLISECONDS)
        .awaitUninterruptibly();
  }

  /** Configures and starts a {@link SwitchboardServer}. */
  public static final class Builder {
    private final SwitchboardApplication.Builder application = SwitchboardApplication.builder();
    private final List<Consumer<ChannelPipeline>> customizers = new ArrayList<>();
    private NettyTransportOptions transportOptions = NettyTransportOptions.defaults();
    private BrowserOrigins browserOrigins = BrowserOrigins.unchecked();
    private Predicate<InetAddress> trustedProxies;
    private String host = "127.0.0.1";
    private int port = 5000;
    private IoTransport ioTransport = IoTransport.best();
    private String healthPath;

    private Builder() {}

    /** The address to bind (default 127.0.0.1; "0.0.0.0" for every interface). */
    public Builder host(String value) {
      host = Objects.requireNonNull(value);
      return this;
    }

    /** The port to bind (default 5000; 0 picks a free one, see {@link #port()}). */
    public Builder port(int value) {
      port = value;
      return this;
    }

    /** The I/O transport (default {@link IoTransport#best()}: epoll on Linux, else NIO). */
    public Builder ioTransport(IoTransport value) {
      ioTransport = Objects.requireNonNull(value);
      return this;
    }

    /** Mounts a hub created with its no-argument constructor and default options. */
    public <T extends Hub> Builder hub(String path, Class<T> hubClass) {
      return hub(path, hubClass, options -> {});
    }

    /**
     * Mounts a hub created with its no-argument constructor, with customized options: the
     * customizer gets a builder holding the server's hub defaults, built once at start.
     */
    public <T extends Hub> Builder hub(
        String path, Class<T> hubClass, Consumer<HubOptions.Builder> optionsCustomizer) {
      return hub(path, hubClass, HubEndpoint.constructorOf(hubClass), optionsCustomizer);
    }

    /**
     * Mounts a hub whose instances {@code factory} creates, with customized options (see {@link
     * #hub(String, Class, Consumer)}).
     */
    public <T extends Hub> Builder hub(
        String path,
        Class<T> hubClass,
        HubFactory<T> factory,
        Consumer<HubOptions.Builder> optionsCustomizer) {
      application.hub(path, hubClass, factory, optionsCustomizer);
      return this;
    }

    /**
     * The keep-alive interval of every hub (default 15 s, the reference's): the server pings a
     * quiet WebSocket or Server-Sent Events connection this often, which keeps it alive through a
     * proxy's idle timeout (60 s on an AWS ALB and in nginx). A hub's own options may override it.
     */
    public Builder keepAliveInterval(Duration value) {
      application.keepAliveInterval(value);
      return this;
    }

    /**
     * How long a long poll of every hub waits for data before it is answered empty (default 90 s,
     * the reference's). Behind a proxy it must be shorter than the proxy's idle timeout (an AWS
     * ALB's and nginx's 60 s by default), or the proxy cuts the poll first. A hub's own options may
     * override it.
     */
    public Builder longPollTimeout(Duration value) {
      application.longPollTimeout(value);
      return this;
    }

    /**
     * Serves the server's {@link #health()} on {@code path} (e.g. {@code /health}) for load
     * balancer and orchestrator checks, with {@link HealthHandler}: {@code 200 Healthy}, {@code 503
     * Unhealthy} while the backplane is down, {@code 503 Draining} once a drain began.
     */
    public Builder health(String path) {
      healthPath = Objects.requireNonNull(path, "path");
      return this;
    }

    /**
     * Adds a listener of what the server does (connections, invocations, messages, slow clients),
     * e.g. {@code switchboard-micrometer}'s meters; several are called in the order added. None by
     * default, which costs nothing.
     */
    public Builder events(SwitchboardEvents listener) {
      application.events(listener);
      return this;
    }

    /**
     * Traces every hub's invocations and connect/disconnect events and carries their traces across
     * the backplane, e.g. {@code switchboard-opentelemetry}'s {@code SwitchboardTracing}. None by
     * default, which costs nothing.
     */
    public Builder tracer(SwitchboardTracer tracer) {
      application.tracer(tracer);
      return this;
    }

    /**
     * Believes {@code X-Forwarded-For}, {@code -Proto} and {@code -Host} from the proxies that
     * {@code trustedProxies} accepts; see {@link
     * SwitchboardHttpHandler.Builder#trustForwardedHeaders(Predicate)}.
     */
    public Builder trustForwardedHeaders(Predicate<InetAddress> trustedProxies) {
      this.trustedProxies = Objects.requireNonNull(trustedProxies);
      return this;
    }

    /**
     * Scales every hub out over a backplane (e.g. Redis): its clients then reach, and are reached
     * from, every server on the same backplane. The application owns the backplane and closes it
     * after the server.
     */
    public Builder backplane(Backplane value) {
      application.backplane(value);
      return this;
    }

    /** Adds a filter around every hub's invocations and events, outside the hubs' own filters. */
    public Builder filter(HubFilter filter) {
      application.filter(filter);
      return this;
    }

    /** Mounts a raw connection handler (no hub protocol) with default options. */
    public Builder endpoint(String path, ConnectionHandler handler) {
      application.endpoint(path, handler);
      return this;
    }

    /** Mounts a raw connection handler (no hub protocol). */
    public Builder endpoint(String path, ConnectionHandler handler, EndpointOptions options) {
      application.endpoint(path, handler, options);
      return this;
    }

    /**
     * Closes {@code resource} when the server stops, once its connections are gone and its hub
     * threads stopped: what an add-on owns (e.g. the threads of its own HTTP handler).
     */
    public Builder closeOnStop(AutoCloseable resource) {
      application.closeOnStop(resource);
      return this;
    }

    /**
     * Adds an application HTTP handler after Switchboard's, one new instance per channel. It
     * receives a {@link io.netty.handler.codec.http.FullHttpRequest} for every path that is not
     * an endpoint, and passes on what it does not serve (the rest gets 404). Handlers are added in
     * call order.
     */
    public Builder httpHandler(Supplier<? extends ChannelHandler> handlerFactory) {
      Objects.requireNonNull(handlerFactory);
      return pipeline(pipeline -> pipeline.addLast(handlerFactory.get()));
    }

    /**
     * Customizes each channel's pipeline, laid out as described in {@link
     * SwitchboardChannelInitializer}; e.g. {@code addBefore(SWITCHBOARD, ...)} to see every request
     * before Switchboard does.
     */
    public Builder pipeline(Consumer<ChannelPipeline> customizer) {
      customizers.add(Objects.requireNonNull(customizer));
      return this;
    }

    /**
     * Sets which browser origins may use the hub endpoints: CORS and the WebSocket origin
     * allow-list (default: both off, as in the reference).
     */
    public Builder browserOrigins(BrowserOrigins origins) {
      browserOrigins = Objects.requireNonNull(origins);
      return this;
    }

    /** Sets the transport limits. */
    public Builder transportOptions(NettyTransportOptions options) {
      transportOptions = Objects.requireNonNull(options);
      return this;
    }

    /**
     * Changes some transport limits, starting from those set so far (the defaults at first), e.g.
     * {@code transportOptions(limits -> limits.maxConcurrentConnections(10_000))}.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public Builder transportOptions(Consumer<NettyTransportOptions.Builder> customizer) {
      NettyTransportOptions.Builder limits = transportOptions.toBuilder();
      customizer.accept(limits);
      transportOptions = limits.build();
      return this;
    }

    /**
     * Binds and starts serving.
     *
     * @throws IllegalStateException if the address cannot be bound
     */
    public SwitchboardServer start() {
      SwitchboardApplication served = application.build();
      SwitchboardHttpHandler.Builder switchboard =
          SwitchboardHttpHandler.builder(served)
              .transportOptions(transportOptions)
              .browserOrigins(browserOrigins);
      if (trustedProxies != null) {
        switchboard.trustForwardedHeaders(trustedProxies);
      }
      SwitchboardHttpHandler handler = switchboard.build();
      EventLoopGroup boss = ioTransport.newEventLoopGroup(1);
      EventLoopGroup workers = ioTransport.newEventLoopGroup(0);
      ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
      List<Consumer<ChannelPipeline>> appHandlers = new ArrayList<>();
      if (healthPath != null) {
        HealthHandler healthHandler = new HealthHandler(healthPath, served::health);
        appHandlers.add(pipeline -> pipeline.addLast(healthHandler));
      }
      appHandlers.addAll(customizers);
      ServerBootstrap bootstrap =
          new ServerBootstrap()
              .group(boss, workers)
              .channel(ioTransport.serverChannelClass())
              .childHandler(
                  new SwitchboardChannelInitializer(
                      handler,
                      pipeline -> {
                        channels.add(pipeline.channel());
                        appHandlers.forEach(customizer -> customizer.accept(pipeline));
                      }));
      ChannelFuture bound = bootstrap.bind(host, port).awaitUninterruptibly();
      if (!bound.isSuccess()) {
        shutDown(workers);
        shutDown(boss);
        served.stop(Duration.ZERO);
        throw new IllegalStateException("Cannot bind " + host + ":" + port, bound.cause());
      }
      LOG.debug("Listening on {} over {}", bound.channel().localAddress(), ioTransport);
      return new SwitchboardServer(bound.channel(), channels, boss, workers, served);
    }

  }
}
