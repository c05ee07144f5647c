package io.switchboard.hub;

import io.switchboard.auth.AuthenticatedUser;
import io.switchboard.auth.Authenticator;
import io.switchboard.connection.EndpointOptions;
import io.switchboard.connection.TransportType;
import io.switchboard.events.SwitchboardTracer;
import io.switchboard.events.SwitchboardEvents;
import io.switchboard.protocol.HubProtocol;
import io.switchboard.protocol.json.JsonHubProtocol;
import io.switchboard.protocol.msgpack.MessagePackHubProtocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Options of one hub: an immutable snapshot made by {@link #builder()} (or {@link #toBuilder()}
 * from other options), with the reference server's defaults ({@link #defaults()}): keep-alive
 * 15 s, client timeout 30 s, handshake timeout 15 s, maximum receive message size 32 KB, one
 * parallel invocation per client, (beyond the reference) at most 32 streaming invocations per
 * client, detailed errors off, JSON and MessagePack enabled, every transport enabled.
 */
public final class HubOptions {
  private final Duration keepAliveInterval;
  private final Duration clientTimeoutInterval;
  private final Duration handshakeTimeout;
  private final Long maximumReceiveMessageSize;
  private final int maximumParallelInvocationsPerClient;
  private final int maximumStreamingInvocationsPerClient;
  private final boolean enableDetailedErrors;
  private final int streamBufferCapacity;
  private final long statefulReconnectBufferSize;
  private final List<HubProtocol> protocols;
  private final EndpointOptions endpoint;
  private final Executor executor;
  private final List<HubFilter> filters;
  private final Authenticator authenticator;
  private final Function<AuthenticatedUser, String> userIdProvider;
  private final Map<String, Predicate<AuthenticatedUser>> policies;
  private final boolean closeOnAuthenticationExpiration;
  private final List<Consumer<HubContext>> beforeShutdown;
  private final SwitchboardTracer tracer;
  private final SwitchboardEvents backplaneEvents;

  private HubOptions(Builder builder) {
    keepAliveInterval = builder.keepAliveInterval;
    clientTimeoutInterval = builder.clientTimeoutInterval;
    handshakeTimeout = builder.handshakeTimeout;
    maximumReceiveMessageSize = builder.maximumReceiveMessageSize;
    maximumParallelInvocationsPerClient = builder.maximumParallelInvocationsPerClient;
    maximumStreamingInvocationsPerClient = builder.maximumStreamingInvocationsPerClient;
    enableDetailedErrors = builder.enableDetailedErrors;
    streamBufferCapacity = builder.streamBufferCapacity;
    statefulReconnectBufferSize = builder.statefulReconnectBufferSize;
    protocols =
        builder.protocols != null
            ? builder.protocols
            : List.of(new JsonHubProtocol(), new MessagePackHubProtocol());
    endpoint = builder.endpoint.build();
    executor = builder.executor;
    filters = List.copyOf(builder.filters);
    authenticator = builder.authenticator;
    userIdProvider = builder.userIdProvider;
    policies = Map.copyOf(builder.policies);
    closeOnAuthenticationExpiration = builder.closeOnAuthenticationExpiration;
    beforeShutdown = List.copyOf(builder.beforeShutdown);
    tracer = builder.tracer;
    backplaneEvents = builder.backplaneEvents;
  }

  /** The reference defaults. */
  public static HubOptions defaults() {
    return builder().build();
  }

  /** A builder starting from the {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Interval of server Pings (not on long polling). */
  public Duration keepAliveInterval() {
    return keepAliveInterval;
  }

  /** A connection that sent nothing for this long is closed (after its first Ping). */
  public Duration clientTimeoutInterval() {
    return clientTimeoutInterval;
  }

  /** How long a client has to send its handshake. */
  public Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  /** Largest incoming message in bytes, or null for no limit. */
  public Long maximumReceiveMessageSize() {
    return maximumReceiveMessageSize;
  }

  /** How many non-streaming invocations of one client may run at once. */
  public int maximumParallelInvocationsPerClient() {
    return maximumParallelInvocationsPerClient;
  }

  /**
   * How many streaming invocations of one client may run at once: server-to-client streams and
   * invocations with upload streams. The reference runs them outside the parallel-invocation limit
   * with no bound of its own, as tasks that hold no thread; here each may hold a thread while it
   * waits (on Java 17, one of the default pool's 256), so one client could take them all. Further
   * ones are refused: the client gets the reference's error Completion for a failed invocation,
   * with a {@code HubException} naming the limit.
   */
  public int maximumStreamingInvocationsPerClient() {
    return maximumStreamingInvocationsPerClient;
  }

  /** Whether exception texts reach clients. */
  public boolean enableDetailedErrors() {
    return enableDetailedErrors;
  }

  /** Items buffered per upload stream. */
  public int streamBufferCapacity() {
    return streamBufferCapacity;
  }

  /** Bytes kept for replay by stateful reconnect. */
  public long statefulReconnectBufferSize() {
    return statefulReconnectBufferSize;
  }

  /** The hub protocols clients may choose from (default: JSON and MessagePack). */
  public List<HubProtocol> protocols() {
    return protocols;
  }

  /** The connection-layer options (transports, stateful reconnect, timeouts). */
  public EndpointOptions endpoint() {
    return endpoint;
  }

  /** The enabled transports. */
  public Set<TransportType> transports() {
    return endpoint.transports();
  }

  /**
   * Where hub code runs (hub methods, the hub's connect and disconnect events, callbacks of client
   * results and cancellations), or null for the default: a virtual thread per task on Java 21+, a
   * pool of up to 256 threads started on demand on Java 17 (so at most 256 hub methods can block
   * at once there; see {@link #maximumStreamingInvocationsPerClient}). Connections' receive loops
   * never run here, so they go on however many hub methods are blocked.
   */
  public Executor executor() {
    return executor;
  }

  /** The hub's filters, outermost first. */
  public List<HubFilter> filters() {
    return filters;
  }

  /** Who sent negotiate and transport requests, or null when the hub is anonymous. */
  public Authenticator authenticator() {
    return authenticator;
  }

  /** Derives the user id ({@code clients().user(id)}) from a user. */
  public Function<AuthenticatedUser, String> userIdProvider() {
    return userIdProvider;
  }

  /** The policy of that name, or null. */
  public Predicate<AuthenticatedUser> policy(String name) {
    return policies.get(name);
  }

  /** Whether connections close when their user's credential expires (default off). */
  public boolean closeOnAuthenticationExpiration() {
    return closeOnAuthenticationExpiration;
  }

  /** The shutdown actions, in registration order. */
  public List<Consumer<HubContext>> beforeShutdown() {
    return beforeShutdown;
  }

  /**
   * What traces the hub's invocations and events and carries their traces across the backplane
   * (default {@link SwitchboardTracer#NONE}).
   */
  public SwitchboardTracer tracer() {
    return tracer;
  }

  /**
   * Where the hub's backplane traffic is reported (default {@link SwitchboardEvents#NONE}); a
   * server sets its {@code events} listener here for every hub.
   */
  public SwitchboardEvents backplaneEvents() {
    return backplaneEvents;
  }

  /** Builds {@link HubOptions}; every value starts at its default. */
  public static final class Builder {
    private Duration keepAliveInterval = Duration.ofSeconds(15);
    private Duration clientTimeoutInterval = Duration.ofSeconds(30);
    private Duration handshakeTimeout = Duration.ofSeconds(15);
    private Long maximumReceiveMessageSize = 32L * 1024;
    private int maximumParallelInvocationsPerClient = 1;
    private int maximumStreamingInvocationsPerClient = 32;
    private boolean enableDetailedErrors;
    private int streamBufferCapacity = 10;
    private long statefulReconnectBufferSize = 100_000;
    private List<HubProtocol> protocols;
    private EndpointOptions.Builder endpoint = EndpointOptions.builder();
    private Executor executor;
    private final List<HubFilter> filters = new ArrayList<>();
    private Authenticator authenticator;
    private Function<AuthenticatedUser, String> userIdProvider = AuthenticatedUser::nameIdentifier;
    private final Map<String, Predicate<AuthenticatedUser>> policies = new LinkedHashMap<>();
    private boolean closeOnAuthenticationExpiration;
    private final List<Consumer<HubContext>> beforeShutdown = new ArrayList<>();
    private SwitchboardTracer tracer = SwitchboardTracer.NONE;
    private SwitchboardEvents backplaneEvents = SwitchboardEvents.NONE;

    private Builder() {}

    private Builder(HubOptions from) {
      keepAliveInterval = from.keepAliveInterval;
      clientTimeoutInterval = from.clientTimeoutInterval;
      handshakeTimeout = from.handshakeTimeout;
      maximumReceiveMessageSize = from.maximumReceiveMessageSize;
      maximumParallelInvocationsPerClient = from.maximumParallelInvocationsPerClient;
      maximumStreamingInvocationsPerClient = from.maximumStreamingInvocationsPerClient;
      enableDetailedErrors = from.enableDetailedErrors;
      streamBufferCapacity = from.streamBufferCapacity;
      statefulReconnectBufferSize = from.statefulReconnectBufferSize;
      protocols = from.protocols;
      endpoint = from.endpoint.toBuilder();
      executor = from.executor;
      filters.addAll(from.filters);
      authenticator = from.authenticator;
      userIdProvider = from.userIdProvider;
      policies.putAll(from.policies);
      closeOnAuthenticationExpiration = from.closeOnAuthenticationExpiration;
      beforeShutdown.addAll(from.beforeShutdown);
      tracer = from.tracer;
      backplaneEvents = from.backplaneEvents;
    }

    /** Sets the interval of server Pings. */
    public Builder keepAliveInterval(Duration value) {
      keepAliveInterval = Objects.requireNonNull(value);
      return this;
    }

    /** Sets the client timeout. */
    public Builder clientTimeoutInterval(Duration value) {
      clientTimeoutInterval = Objects.requireNonNull(value);
      return this;
    }

    /** Sets the handshake timeout. */
    public Builder handshakeTimeout(Duration value) {
      handshakeTimeout = Objects.requireNonNull(value);
      return this;
    }

    /** Sets the largest incoming message in bytes (null: no limit). */
    public Builder maximumReceiveMessageSize(Long value) {
      maximumReceiveMessageSize = value;
      return this;
    }

    /** Sets the parallel invocations per client (at least 1). */
    public Builder maximumParallelInvocationsPerClient(int value) {
      maximumParallelInvocationsPerClient = value;
      return this;
    }

    /**
     * Sets the streaming invocations one client may run at once (at least 1, default 32); see
     * {@link HubOptions#maximumStreamingInvocationsPerClient()}.
     */
    public Builder maximumStreamingInvocationsPerClient(int value) {
      maximumStreamingInvocationsPerClient = value;
      return this;
    }

    /** Sends exception texts to clients (for development). */
    public Builder enableDetailedErrors(boolean value) {
      enableDetailedErrors = value;
      return this;
    }

    /** Sets the items buffered per upload stream. */
    public Builder streamBufferCapacity(int value) {
      streamBufferCapacity = value;
      return this;
    }

    /** Sets the bytes kept for replay by stateful reconnect. */
    public Builder statefulReconnectBufferSize(long value) {
      statefulReconnectBufferSize = value;
      return this;
    }

    /** Replaces the hub protocols, e.g. to configure their payload mappers. */
    public Builder protocols(HubProtocol... value) {
      protocols = List.of(value);
      return this;
    }

    /** Replaces the connection-layer options. */
    public Builder endpoint(EndpointOptions value) {
      endpoint = value.toBuilder();
      return this;
    }

    /** Changes some connection-layer options (e.g. {@code e -> e.longPollTimeout(...)}). */
    public Builder endpoint(Consumer<EndpointOptions.Builder> customizer) {
      customizer.accept(endpoint);
      return this;
    }

    /** Enables only these transports. */
    public Builder transports(TransportType first, TransportType... rest) {
      endpoint.transports(EnumSet.of(first, rest));
      return this;
    }

    /** Lets clients that ask for it use stateful reconnect. */
    public Builder allowStatefulReconnects(boolean value) {
      endpoint.allowStatefulReconnects(value);
      return this;
    }

    /** Runs hub code on this executor instead of the default (see {@link HubOptions#executor()}). */
    public Builder executor(Executor value) {
      executor = value;
      return this;
    }

    /** Adds a filter around this hub's invocations and events (runs inside earlier ones). */
    public Builder addFilter(HubFilter filter) {
      filters.add(Objects.requireNonNull(filter));
      return this;
    }

    /**
     * Puts filters outside this hub's own (a server's global filters): they run first, in the
     * given order.
     */
    public Builder prependFilters(List<HubFilter> outer) {
      filters.addAll(0, List.copyOf(outer));
      return this;
    }

    /** Authenticates requests (see {@link io.switchboard.auth.BearerTokenAuthenticator}). */
    public Builder authenticator(Authenticator value) {
      authenticator = value;
      return this;
    }

    /** Replaces how user ids are derived (default: the name identifier). */
    public Builder userIdProvider(Function<AuthenticatedUser, String> value) {
      userIdProvider = Objects.requireNonNull(value);
      return this;
    }

    /** Registers a named authorization policy for {@link io.switchboard.auth.Authorize}. */
    public Builder policy(String name, Predicate<AuthenticatedUser> accepts) {
      policies.put(Objects.requireNonNull(name), Objects.requireNonNull(accepts));
      return this;
    }

    /** Closes connections (letting clients reconnect) when their credential expires. */
    public Builder closeOnAuthenticationExpiration(boolean value) {
      closeOnAuthenticationExpiration = value;
      return this;
    }

    /**
     * Runs when the server shuts down, before connections are closed: the hub's last chance to
     * send something (e.g. "server restarting") to its clients.
     */
    public Builder beforeShutdown(Consumer<HubContext> action) {
      beforeShutdown.add(Objects.requireNonNull(action));
      return this;
    }

    /** Traces the hub's invocations and events (e.g. with {@code switchboard-opentelemetry}). */
    public Builder tracer(SwitchboardTracer value) {
      tracer = Objects.requireNonNull(value);
      return this;
    }

    /** Sets where the hub's backplane traffic is reported (see {@link HubOptions#backplaneEvents}). */
    public Builder backplaneEvents(SwitchboardEvents listener) {
      backplaneEvents = Objects.requireNonNull(listener);
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public HubOptions build() {
      if (maximumParallelInvocationsPerClient < 1) {
        throw new IllegalArgumentException("maximumParallelInvocationsPerClient must be at least 1");
      }
      if (maximumStreamingInvocationsPerClient < 1) {
        throw new IllegalArgumentException("maximumStreamingInvocationsPerClient must be at least 1");
      }
      return new HubOptions(this);
    }
  }
}
