package io.switchboard.hub;

import io.switchboard.auth.AuthenticatedUser;
import io.switchboard.auth.Authenticator;
import io.switchboard.connection.EndpointOptions;
import io.switchboard.connection.TransportType;
import io.switchboard.protocol.HubProtocol;
import io.switchboard.protocol.json.JsonHubProtocol;
import io.switchboard.protocol.msgpack.MessagePackHubProtocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Options of one hub, with the reference server's defaults: keep-alive 15 s, client timeout 30 s,
 * handshake timeout 15 s, maximum receive message size 32 KB, one parallel invocation per client,
 * (beyond the reference) at most 32 streaming invocations per client, detailed errors off, JSON and MessagePack enabled, every transport enabled.
 */
public final class HubOptions {
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
  private EndpointOptions endpoint = EndpointOptions.defaults();
  private Executor executor;
  private final List<HubFilter> filters = new ArrayList<>();
  private Authenticator authenticator;
  private Function<AuthenticatedUser, String> userIdProvider = AuthenticatedUser::nameIdentifier;
  private final Map<String, Predicate<AuthenticatedUser>> policies = new HashMap<>();
  private boolean closeOnAuthenticationExpiration;
  private final List<Consumer<HubContext>> beforeShutdown = new ArrayList<>();

  /** Interval of server Pings (not on long polling). */
  public Duration keepAliveInterval() {
    return keepAliveInterval;
  }

  /** Sets the interval of server Pings. */
  public HubOptions keepAliveInterval(Duration value) {
    keepAliveInterval = Objects.requireNonNull(value);
    return this;
  }

  /** A connection that sent nothing for this long is closed (after its first Ping). */
  public Duration clientTimeoutInterval() {
    return clientTimeoutInterval;
  }

  /** Sets the client timeout. */
  public HubOptions clientTimeoutInterval(Duration value) {
    clientTimeoutInterval = Objects.requireNonNull(value);
    return this;
  }

  /** How long a client has to send its handshake. */
  public Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  /** Sets the handshake timeout. */
  public HubOptions handshakeTimeout(Duration value) {
    handshakeTimeout = Objects.requireNonNull(value);
    return this;
  }

  /** Largest incoming message in bytes, or null for no limit. */
  public Long maximumReceiveMessageSize() {
    return maximumReceiveMessageSize;
  }

  /** Sets the largest incoming message in bytes (null: no limit). */
  public HubOptions maximumReceiveMessageSize(Long value) {
    maximumReceiveMessageSize = value;
    return this;
  }

  /** How many non-streaming invocations of one client may run at once. */
  public int maximumParallelInvocationsPerClient() {
    return maximumParallelInvocationsPerClient;
  }

  /** Sets the parallel invocations per client (at least 1). */
  public HubOptions maximumParallelInvocationsPerClient(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("maximumParallelInvocationsPerClient must be at least 1");
    }
    maximumParallelInvocationsPerClient = value;
    return this;
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

  /** Sets the streaming invocations one client may run at once (at least 1, default 32). */
  public HubOptions maximumStreamingInvocationsPerClient(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("maximumStreamingInvocationsPerClient must be at least 1");
    }
    maximumStreamingInvocationsPerClient = value;
    return this;
  }

  /** Whether exception texts reach clients. */
  public boolean enableDetailedErrors() {
    return enableDetailedErrors;
  }

  /** Sends exception texts to clients (for development). */
  public HubOptions enableDetailedErrors(boolean value) {
    enableDetailedErrors = value;
    return this;
  }

  /** Items buffered per upload stream. */
  public int streamBufferCapacity() {
    return streamBufferCapacity;
  }

  /** Sets the items buffered per upload stream. */
  public HubOptions streamBufferCapacity(int value) {
    streamBufferCapacity = value;
    return this;
  }

  /** Bytes kept for replay by stateful reconnect. */
  public long statefulReconnectBufferSize() {
    return statefulReconnectBufferSize;
  }

  /** Sets the bytes kept for replay by stateful reconnect. */
  public HubOptions statefulReconnectBufferSize(long value) {
    statefulReconnectBufferSize = value;
    return this;
  }

  /** The hub protocols clients may choose from (default: JSON and MessagePack). */
  public List<HubProtocol> protocols() {
    if (protocols == null) {
      protocols = List.of(new JsonHubProtocol(), new MessagePackHubProtocol());
    }
    return protocols;
  }

  /** Replaces the hub protocols, e.g. to configure their payload mappers. */
  public HubOptions protocols(HubProtocol... value) {
    protocols = List.of(value);
    return this;
  }

  /** The connection-layer options (transports, stateful reconnect, timeouts). */
  public EndpointOptions endpoint() {
    return endpoint;
  }

  /** Replaces the connection-layer options. */
  public HubOptions endpoint(EndpointOptions value) {
    endpoint = Objects.requireNonNull(value);
    return this;
  }

  /** Enables only these transports. */
  public HubOptions transports(TransportType first, TransportType... rest) {
    endpoint = endpoint.withTransports(EnumSet.of(first, rest));
    return this;
  }

  /** Lets clients that ask for it use stateful reconnect. */
  public HubOptions allowStatefulReconnects(boolean value) {
    endpoint = endpoint.withStatefulReconnects(value);
    return this;
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

  /** Runs hub methods on this executor instead of the default. */
  public HubOptions executor(Executor value) {
    executor = value;
    return this;
  }

  /** Adds a filter around this hub's invocations and events (runs inside earlier ones). */
  public HubOptions addFilter(HubFilter filter) {
    filters.add(Objects.requireNonNull(filter));
    return this;
  }

  /**
   * Puts filters outside this hub's own (a server's global filters): they run first, in the
   * given order.
   */
  public HubOptions prependFilters(List<HubFilter> outer) {
    filters.addAll(0, outer);
    return this;
  }

  /** The hub's filters, outermost first. */
  public List<HubFilter> filters() {
    return List.copyOf(filters);
  }

  /** Who sent negotiate and transport requests, or null when the hub is anonymous. */
  public Authenticator authenticator() {
    return authenticator;
  }

  /** Authenticates requests (see {@link io.switchboard.auth.BearerTokenAuthenticator}). */
  public HubOptions authenticator(Authenticator value) {
    authenticator = value;
    return this;
  }

  /** Derives the user id ({@code clients().user(id)}) from a user. */
  public Function<AuthenticatedUser, String> userIdProvider() {
    return userIdProvider;
  }

  /** Replaces how user ids are derived (default: the name identifier). */
  public HubOptions userIdProvider(Function<AuthenticatedUser, String> value) {
    userIdProvider = Objects.requireNonNull(value);
    return this;
  }

  /** Registers a named authorization policy for {@link io.switchboard.auth.Authorize}. */
  public HubOptions policy(String name, Predicate<AuthenticatedUser> accepts) {
    policies.put(name, Objects.requireNonNull(accepts));
    return this;
  }

  /** The policy of that name, or null. */
  public Predicate<AuthenticatedUser> policy(String name) {
    return policies.get(name);
  }

  /** Whether connections close when their user's credential expires (default off). */
  public boolean closeOnAuthenticationExpiration() {
    return closeOnAuthenticationExpiration;
  }

  /** Closes connections (letting clients reconnect) when their credential expires. */
  public HubOptions closeOnAuthenticationExpiration(boolean value) {
    closeOnAuthenticationExpiration = value;
    return this;
  }

  /**
   * Runs when the server shuts down, before connections are closed: the hub's last chance to
   * send something (e.g. "server restarting") to its clients.
   */
  public HubOptions beforeShutdown(Consumer<HubContext> action) {
    beforeShutdown.add(Objects.requireNonNull(action));
    return this;
  }

  /** The shutdown actions, in registration order. */
  public List<Consumer<HubContext>> beforeShutdown() {
    return List.copyOf(beforeShutdown);
  }
}
