package io.switchboard.connection;

import io.switchboard.auth.AuthenticationOutcome;
import io.switchboard.events.EndpointEvents;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport-agnostic part of one mounted endpoint (a hub or a raw {@link ConnectionHandler}
 * on a path): negotiate, the connection registry and the request rules of protocol §1, with the
 * reference server's status codes and texts. Transport adapters parse HTTP, ask this class what
 * to do, and write the {@link TransportResponse} it returns.
 *
 * <p>Inactive connections (negotiated but never attached, or between transport requests) are
 * disposed once they are older than {@link EndpointOptions#disconnectTimeout()}, checked by a
 * one-second heartbeat on the given scheduler.
 *
 * <p>A connection belongs to the user who created it (negotiate, or a WebSocket without {@code
 * id}): every later request on it must be authenticated as the same user ({@link
 * HttpRequestInfo#user()}, compared by name identifier), or it is refused with 403, as the
 * reference refuses a user change on a connection the client comes back to.
 */
public final class ConnectionEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionEndpoint.class);
  private static final int MAXIMUM_NEGOTIATE_VERSION = 1;
  private static final Pattern DOTNET_INTEGER =
      Pattern.compile("[\\t\\n\\x0B\\f\\r ]*([+-]?[0-9]+)[\\t\\n\\x0B\\f\\r ]*");
  private static final long HEARTBEAT_MILLIS = 1000;

  private final ConnectionHandler handler;
  private final EndpointOptions options;
  private final ConnectionRegistry registry;
  private final ScheduledFuture<?> heartbeat;
  private volatile boolean shutDown;

  /**
   * Creates an endpoint.
   *
   * @param handler the application run on every connection
   * @param options transports, negotiate and timeout options
   * @param scheduler runs the one-second expiry scan (shared by many endpoints)
   */
  public ConnectionEndpoint(
      ConnectionHandler handler, EndpointOptions options, ScheduledExecutorService scheduler) {
    this(handler, options, scheduler, System::nanoTime);
  }

  /**
   * Creates an endpoint whose connections report to {@code events} (see {@link
   * io.switchboard.events.SwitchboardEvents}).
   */
  public ConnectionEndpoint(
      ConnectionHandler handler,
      EndpointOptions options,
      ScheduledExecutorService scheduler,
      EndpointEvents events) {
    this(handler, options, scheduler, System::nanoTime, events);
  }

  ConnectionEndpoint(
      ConnectionHandler handler,
      EndpointOptions options,
      ScheduledExecutorService scheduler,
      LongSupplier nanoClock) {
    this(handler, options, scheduler, nanoClock, EndpointEvents.NONE);
  }

  ConnectionEndpoint(
      ConnectionHandler handler,
      EndpointOptions options,
      ScheduledExecutorService scheduler,
      LongSupplier nanoClock,
      EndpointEvents events) {
    this.handler = handler;
    this.options = options;
    this.registry = new ConnectionRegistry(nanoClock, events);
    this.heartbeat =
        scheduler.scheduleAtFixedRate(
            this::expireIdleConnections, HEARTBEAT_MILLIS, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** The application run on this endpoint's connections. */
  public ConnectionHandler handler() {
    return handler;
  }

  /** This endpoint's options. */
  public EndpointOptions options() {
    return options;
  }

  /** How many connections are registered (negotiated, attached, or between requests). */
  public int connectionCount() {
    return registry.size();
  }

  /**
   * {@code P/negotiate}: creates a connection owned by the request's user and describes it
   * (protocol §1.3). Methods other than POST get 405; version errors are answered with 200 and an
   * {@code error} body.
   */
  public TransportResponse negotiate(HttpRequestInfo request) {
    if (!"POST".equalsIgnoreCase(request.method())) {
      return TransportResponse.empty(405);
    }
    if (shutDown) {
      return TransportResponse.empty(503);
    }
    String requested = request.joinedQueryParameter("negotiateVersion");
    int version;
    if (requested != null) {
      Integer parsed = parseVersion(requested);
      if (parsed == null) {
        return negotiateError("The client requested a non-integer protocol version.");
      }
      version = parsed;
      if (version < options.minimumProtocolVersion()) {
        return unsupportedVersion(version);
      }
      version = Math.min(version, MAXIMUM_NEGOTIATE_VERSION);
    } else if (options.minimumProtocolVersion() > 0) {
      return unsupportedVersion(0);
    } else {
      version = 0;
    }
    String statefulValue = request.joinedQueryParameter("useStatefulReconnect");
    boolean stateful =
        options.allowStatefulReconnects()
            && statefulValue != null
            && statefulValue.trim().equalsIgnoreCase("true");
    ManagedConnection connection = create(request, version, stateful);
    return TransportResponse.json(
        NegotiateResponse.success(connection, version, options.transports()));
  }

  /**
   * Authenticates a negotiate or transport request, once, with the {@link
   * ConnectionHandler#authenticate handler} on its {@link ConnectionHandler#authenticationExecutor()
   * authentication executor} (on the calling thread when it has none: the result is then complete
   * on return). A refused request is answered with the outcome's status and an empty body (clients
   * surface it as {@code Unauthorized}); an allowed one goes on as {@code
   * request.withUser(outcome.user())}. An authenticator that throws, or an executor that refuses
   * the task, completes the result exceptionally.
   */
  public CompletableFuture<AuthenticationOutcome> authenticate(HttpRequestInfo request) {
    Executor executor = handler.authenticationExecutor();
    if (executor == null) {
      try {
        return CompletableFuture.completedFuture(outcomeOf(request));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    try {
      return CompletableFuture.supplyAsync(() -> outcomeOf(request), executor);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private AuthenticationOutcome outcomeOf(HttpRequestInfo request) {
    return Objects.requireNonNull(handler.authenticate(request), "authenticate returned null");
  }

  /**
   * A WebSocket or Server-Sent Events request on {@code P} wants to attach {@code session}. A
   * WebSocket without {@code id} creates a connection on the spot; a stateful WebSocket
   * connection accepts a new socket (re-attach). On success the connection is active with this
   * session; the adapter calls {@link TransportConnection#transportStarted} once the transport can
   * carry data.
   */
  public AttachResult attach(TransportType type, HttpRequestInfo request, TransportSession session) {
    AttachResult found = lookupForTransport(type, request);
    if (!found.isAccepted()) {
      return found;
    }
    TransportResponse rejection = found.managed().activate(type, request, session);
    return rejection == null ? found : AttachResult.rejected(rejection);
  }

  /**
   * A long poll on {@code P} (§1.9): the first one of a connection is answered at once and starts
   * the application; later ones wait up to {@link EndpointOptions#longPollTimeout()} for data. The
   * connection layer answers {@code poll} unless this returns a rejection; the adapter reports a
   * client that leaves early with {@link TransportConnection#pollAbandoned}.
   *
   * @param maxBufferedBytes the most output held for the client between polls; more aborts the
   *     connection (the transport's outbound bound; used from the first poll on)
   */
  public AttachResult poll(HttpRequestInfo request, LongPoll poll, long maxBufferedBytes) {
    if (registry.endedByServer(String.valueOf(connectionToken(request)))) {
      return AttachResult.rejected(TransportResponse.empty(204)); // the server ended it (§1.9)
    }
    AttachResult found = lookupForTransport(TransportType.LONG_POLLING, request);
    if (!found.isAccepted()) {
      return found;
    }
    TransportResponse rejection =
        found.managed().poll(request, poll, options.longPollTimeout(), maxBufferedBytes);
    return rejection == null ? found : AttachResult.rejected(rejection);
  }

  /**
   * {@code POST P} (§1.7): hands {@code body} to the connection's application, serialised with
   * the connection's other POSTs, and completes with the answer: empty 200 once delivered (held
   * while the application has paused reading), or a rejection.
   *
   * @param body read during the call or copied
   * @param executor runs a delivery that has to wait (the request's event loop)
   */
  public CompletionStage<TransportResponse> send(
      HttpRequestInfo request, ByteBuffer body, Executor executor) {
    AttachResult found = lookup(request);
    if (!found.isAccepted()) {
      return CompletableFuture.completedFuture(found.rejection());
    }
    if (found.managed().transportType() == TransportType.WEB_SOCKETS) {
      return CompletableFuture.completedFuture(
          TransportResponse.text(405, "POST requests are not allowed for WebSocket connections."));
    }
    return found.managed().send(body, executor);
  }

  /**
   * The version as .NET's {@code int.TryParse} reads it: ASCII digits with an optional sign,
   * between white space of the ASCII kind only; null for anything else (other scripts' digits,
   * control characters, a number past 32 bits), which {@link Integer#parseInt} would partly accept.
   */
  private static Integer parseVersion(String text) {
    Matcher integer = DOTNET_INTEGER.matcher(text);
    if (!integer.matches()) {
      return null;
    }
    try {
      return Integer.parseInt(integer.group(1));
    } catch (NumberFormatException overflow) {
      return null;
    }
  }

  /**
   * {@code DELETE P} (§1.9): ends a long-polling connection (its waiting poll gets 204) and
   * answers 202, or the rejection.
   */
  public TransportResponse delete(HttpRequestInfo request) {
    if (registry.endedByServer(String.valueOf(connectionToken(request)))) {
      return TransportResponse.empty(202); // already ended: the client's stop succeeds all the same
    }
    AttachResult found = lookup(request);
    if (!found.isAccepted()) {
      return found.rejection();
    }
    if (found.managed().transportType() != TransportType.LONG_POLLING) {
      return TransportResponse.text(400, "Cannot terminate this connection using the DELETE endpoint.");
    }
    found.managed().deletedByClient();
    return TransportResponse.empty(202);
  }

  /**
   * Stops the heartbeat, refuses new connections, closes every connection gracefully (one
   * between long polls at once, as it could only come back to a server going away), and completes once all of them are gone.
   */
  public CompletableFuture<Void> shutdown() {
    beginShutdown();
    heartbeat.cancel(false);
    for (ManagedConnection connection : registry.connections()) {
      connection.shutdown();
    }
    return registry.whenDrained();
  }

  /**
   * Refuses new connections and counts every connection that ends from now on as ended by the
   * application's shutdown (what the reference's meters call {@code app_shutdown}), also those
   * that a hub's own shutdown closes before {@link #shutdown()} runs.
   */
  public void beginShutdown() {
    shutDown = true;
    for (ManagedConnection connection : registry.connections()) {
      connection.endingForShutdown();
    }
  }

  /** The one-second heartbeat: disposes connections inactive for the disconnect timeout. */
  void expireIdleConnections() {
    long timeoutNanos = options.disconnectTimeout().toNanos();
    for (ManagedConnection connection : registry.connections()) {
      connection.expireIfIdle(timeoutNanos);
    }
    registry.forgetEndedOlderThan(timeoutNanos);
  }

  private AttachResult lookupForTransport(TransportType type, HttpRequestInfo request) {
    if (createsConnection(type, request)) {
      TransportResponse rejection = newConnectionRejection(type);
      return rejection != null
          ? AttachResult.rejected(rejection)
          : AttachResult.accepted(create(request, 0, false));
    }
    AttachResult found = lookup(request);
    if (found.isAccepted() && !options.transports().contains(type)) {
      return AttachResult.rejected(transportNotSupported(type));
    }
    return found;
  }

  /** A WebSocket without {@code id} skipped negotiate: it gets a brand-new connection (§1.6). */
  private static boolean createsConnection(TransportType type, HttpRequestInfo request) {
    return type == TransportType.WEB_SOCKETS && connectionToken(request) == null;
  }

  private TransportResponse newConnectionRejection(TransportType type) {
    if (!options.transports().contains(type)) {
      return transportNotSupported(type);
    }
    return shutDown ? TransportResponse.empty(503) : null;
  }

  private AttachResult lookup(HttpRequestInfo request) {
    String token = connectionToken(request);
    if (token == null) {
      return AttachResult.rejected(TransportResponse.text(400, "Connection ID required"));
    }
    ManagedConnection connection = registry.find(token);
    if (connection == null) {
      return AttachResult.rejected(TransportResponse.text(404, "No Connection with that ID"));
    }
    if (!connection.ownedBy(request.user())) {
      LOG.warn(
          "Rejecting the request because the name of the user changed from '{}' to '{}' on {}",
          ManagedConnection.nameOf(connection.user()),
          ManagedConnection.nameOf(request.user()),
          connection);
      return AttachResult.rejected(TransportResponse.empty(403));
    }
    connection.authenticatedAs(request.user());
    return AttachResult.accepted(connection);
  }

  private ManagedConnection create(HttpRequestInfo request, int version, boolean stateful) {
    ManagedConnection connection = registry.create(handler, version, stateful);
    connection.authenticatedAs(request.user());
    return connection;
  }

  private static TransportResponse transportNotSupported(TransportType type) {
    return TransportResponse.text(
        404, type.wireName() + " transport not supported by this end point type");
  }

  private static TransportResponse unsupportedVersion(int version) {
    return negotiateError(
        "The client requested version '"
            + version
            + "', but the server does not support this version.");
  }

  private static TransportResponse negotiateError(String message) {
    return TransportResponse.json(NegotiateResponse.error(message));
  }

  /** The {@code id} query value, or null when absent or empty. */
  private static String connectionToken(HttpRequestInfo request) {
    String token = request.joinedQueryParameter("id");
    return token == null || token.isEmpty() ? null : token;
  }
}
