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
import io.switchboard.backplane.Backplane;
import io.switchboard.connection.ConnectionHandler;
import io.switchboard.connection.EndpointOptions;
import io.switchboard.hub.Hub;
import io.switchboard.hub.HubContext;
import io.switchboard.hub.HubEndpoint;
import io.switchboard.hub.HubFactory;
import io.switchboard.hub.HubFilter;
import io.switchboard.hub.HubOptions;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
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
 *     .httpHandler(HealthHandler::new)
 *     .start();
 * server.hubContext(ChatHub.class).clients().all().send("Ping");
 * server.close();
 * }</pre>
 *
 * <p>Threads: event loops of the {@link IoTransport} (epoll on Linux, else NIO), one acceptor and
 * Netty's default number of workers. Closing is
 * graceful: the server stops accepting, shuts every hub down and closes every connection, waits up
 * to the stop timeout for them to end, then closes the remaining channels.
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
  private final SwitchboardHttpHandler switchboard;
  private final Map<String, HubEndpoint<?>> hubs;
  private final Backplane backplane;
  private final List<AutoCloseable> lifetimeManagers;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private SwitchboardServer(
      Channel serverChannel,
      ChannelGroup channels,
      EventLoopGroup boss,
      EventLoopGroup workers,
      SwitchboardHttpHandler switchboard,
      MountedHubs mounted) {
    this.serverChannel = serverChannel;
    this.channels = channels;
    this.boss = boss;
    this.workers = workers;
    this.switchboard = switchboard;
    this.hubs = mounted.endpoints();
    this.backplane = mounted.backplane();
    this.lifetimeManagers = mounted.lifetimeManagers();
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The port the server is bound to (useful after {@code port(0)}). */
  public int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
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
   * Whether the server can deliver everywhere: true without a backplane, else the backplane's
   * health (for health endpoints).
   */
  public boolean isHealthy() {
    return backplane == null || backplane.isHealthy();
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
    try {
      switchboard.shutdown().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn("Connections still open after {} ms; closing them", timeout.toMillis());
    } catch (ExecutionException e) {
      LOG.warn("Shutting down connections failed; closing them", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    switchboard.close();
    for (AutoCloseable manager : lifetimeManagers) {
      try {
        manager.close();
      } catch (Exception e) {
        LOG.warn("Closing a hub's lifetime manager failed", e);
      }
    }
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
    private final SwitchboardHttpHandler.Builder switchboard = SwitchboardHttpHandler.builder();
    private final List<HubMount<?>> hubMounts = new ArrayList<>();
    private final List<HubFilter> globalFilters = new ArrayList<>();
    private final List<Consumer<ChannelPipeline>> customizers = new ArrayList<>();
    private Backplane backplane;
    private String host = "127.0.0.1";
    private int port = 5000;
    private IoTransport ioTransport = IoTransport.best();

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

    /** Mounts a hub created with its no-argument constructor, with customized options. */
    public <T extends Hub> Builder hub(
        String path, Class<T> hubClass, Consumer<HubOptions> optionsCustomizer) {
      return hub(path, hubClass, HubEndpoint.constructorOf(hubClass), optionsCustomizer);
    }

    /** Mounts a hub whose instances {@code factory} creates, with customized options. */
    public <T extends Hub> Builder hub(
        String path,
        Class<T> hubClass,
        HubFactory<T> factory,
        Consumer<HubOptions> optionsCustomizer) {
      hubMounts.add(new HubMount<>(path, hubClass, factory, options(optionsCustomizer)));
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

    /** Adds a filter around every hub's invocations and events, outside the hubs' own filters. */
    public Builder filter(HubFilter filter) {
      globalFilters.add(Objects.requireNonNull(filter));
      return this;
    }

    /** Mounts a raw connection handler (no hub protocol) with default options. */
    public Builder endpoint(String path, ConnectionHandler handler) {
      switchboard.endpoint(path, handler);
      return this;
    }

    /** Mounts a raw connection handler (no hub protocol). */
    public Builder endpoint(String path, ConnectionHandler handler, EndpointOptions options) {
      switchboard.endpoint(path, handler, options);
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

    /** Sets the transport limits. */
    public Builder transportOptions(NettyTransportOptions options) {
      switchboard.transportOptions(options);
      return this;
    }

    /**
     * Changes some transport limits, starting from those set so far (the defaults at first), e.g.
     * {@code transportOptions(limits -> limits.maxConcurrentConnections(10_000))}.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public Builder transportOptions(Consumer<NettyTransportOptions.Builder> customizer) {
      NettyTransportOptions.Builder limits = switchboard.transportOptions().toBuilder();
      customizer.accept(limits);
      switchboard.transportOptions(limits.build());
      return this;
    }

    /**
     * Binds and starts serving.
     *
     * @throws IllegalStateException if the address cannot be bound
     */
    public SwitchboardServer start() {
      MountedHubs mounted = MountedHubs.create(hubMounts, globalFilters, backplane);
      mounted.endpoints().forEach(switchboard::hub);
      SwitchboardHttpHandler handler = switchboard.build();
      EventLoopGroup boss = ioTransport.newEventLoopGroup(1);
      EventLoopGroup workers = ioTransport.newEventLoopGroup(0);
      ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
      List<Consumer<ChannelPipeline>> appHandlers = List.copyOf(customizers);
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
        handler.close();
        shutDown(workers);
        shutDown(boss);
        mounted.endpoints().values().forEach(HubEndpoint::shutdown);
        throw new IllegalStateException("Cannot bind " + host + ":" + port, bound.cause());
      }
      LOG.debug("Listening on {} over {}", bound.channel().localAddress(), ioTransport);
      return new SwitchboardServer(bound.channel(), channels, boss, workers, handler, mounted);
    }

    private static HubOptions options(Consumer<HubOptions> customizer) {
      HubOptions options = new HubOptions();
      customizer.accept(options);
      return options;
    }
  }
}
