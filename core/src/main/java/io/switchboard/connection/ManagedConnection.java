package io.switchboard.connection;

import io.switchboard.auth.AuthenticatedUser;
import io.switchboard.events.ConnectionStatus;
import io.switchboard.events.EndpointEvents;
import io.switchboard.events.SlowClientReason;
import io.switchboard.protocol.TransferFormat;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection layer's connection: the {@link Connection} handed to the application, plus the
 * state machine of protocol §1.5 that transport adapters drive. Output and flow control are
 * delegated to the attached {@link TransportSession}; POST bodies (SSE, long polling) go through
 * {@link InboundSends}.
 *
 * <p>Guarantees: {@link ConnectionHandler#onConnected} is called once, when the first transport
 * has started; {@link ConnectionListener#onClosed} is called exactly once after that, whoever
 * ends the connection. Lifecycle callbacks never overlap and arrive in order (see {@link
 * SerialCallbacks}). Writes before the first transport, while a stateful WebSocket is detached,
 * or after the end are dropped.
 *
 * <p>Stateful reconnect (WebSockets, when negotiate granted it): an ungraceful drop ({@link
 * #transportLost}) detaches the transport and leaves the connection inactive for the disconnect
 * timeout; a new WebSocket with the same token re-attaches. See {@link
 * ConnectionListener#onTransportLost} and {@link ConnectionListener#onTransportReattached}.
 */
final class ManagedConnection implements Connection, TransportConnection {
  private static final Logger LOG = LoggerFactory.getLogger(ManagedConnection.class);
  private static final TransportResponse FIRST_POLL = TransportResponse.binary(new byte[0]);

  private final String connectionId;
  private final String token;
  private final boolean statefulReconnect;
  private final ConnectionHandler handler;
  private final ConnectionRegistry registry;
  private final LongSupplier nanoClock;
  private final EndpointEvents events;
  private final long createdNanos = System.nanoTime();
  /** Why it ends, for {@link EndpointEvents#connectionClosed}: set by a timeout or a shutdown. */
  private volatile ConnectionStatus closingStatus = ConnectionStatus.NORMAL_CLOSURE;
  /** Created on first use: most applications never touch it (idle-connection memory). */
  private volatile Map<Object, Object> items;
  private final InboundSends sends = new InboundSends(this::receive);
  private final SerialCallbacks callbacks = new SerialCallbacks();
  private volatile TransferFormat transferFormat = TransferFormat.TEXT;
  /** The owner's latest credential (see {@link #ownedBy}); null for an anonymous connection. */
  private volatile AuthenticatedUser user;

  // Written under lock, read without it on the hot paths.
  private volatile TransportType transportType;
  private volatile HttpRequestInfo request;
  private volatile TransportSession session;
  private volatile ConnectionListener listener;
  private volatile HeldWrites held;
  /** The application called {@link #close()} or {@link #abort()}: never re-attach. */
  private volatile boolean ending;
  /** The client sent DELETE (long polling). */
  private volatile boolean deleted;

  private final Object lock = new Object();
  // Guarded by lock.
  private ConnectionState state = ConnectionState.INACTIVE;
  private long lastSeenNanos;
  private Object activeRequest;
  private boolean started;
  private TransportSession reattaching;
  private Throwable lostCause;
  private boolean readingPaused;
  private Throwable failure;

  /**
   * While a re-attached transport waits for {@code onTransportReattached} to return, only the
   * thread running that callback ({@code writer}, null before it starts) writes to it; what other
   * threads write meanwhile waits in {@code deferred} (guarded by {@code lock}) and follows, in
   * order, when the callback returns.
   */
  private record HeldWrites(TransportSession session, Thread writer, List<byte[]> deferred) {
    HeldWrites(TransportSession session, Thread writer) {
      this(session, writer, new ArrayList<>());
    }
  }

  ManagedConnection(
      String connectionId,
      String token,
      boolean statefulReconnect,
      ConnectionHandler handler,
      ConnectionRegistry registry,
      LongSupplier nanoClock,
      EndpointEvents events) {
    this.connectionId = connectionId;
    this.token = token;
    this.statefulReconnect = statefulReconnect;
    this.handler = handler;
    this.registry = registry;
    this.nanoClock = nanoClock;
    this.events = events;
    this.lastSeenNanos = nanoClock.getAsLong();
  }

  @Override
  public EndpointEvents events() {
    return events;
  }

  @Override
  public void slowClientDropped(SlowClientReason reason) {
    events.slowClientDropped(connectionId(), reason);
  }

  @Override
  public void outboundPressureChanged(boolean pressured, LongSupplier queuedBytes) {
    events.outboundPressureChanged(connectionId(), pressured, queuedBytes);
  }

  @Override
  public String connectionId() {
    return connectionId;
  }

  /** The secret token that opens transports (equal to the id for negotiate version 0). */
  /**
   * Whether the connection was ended on purpose (the application closed or aborted it, or the
   * client sent DELETE), rather than lost or expired: a poll that still comes gets 204.
   */
  boolean endedOnPurpose() {
    return ending || deleted;
  }

  String token() {
    return token;
  }

  @Override
  public boolean statefulReconnect() {
    return statefulReconnect;
  }

  @Override
  public TransportType transportType() {
    return transportType;
  }

  /**
   * The request of the first transport: the WebSocket upgrade (re-attaches keep it), the SSE
   * request, or the first long poll.
   */
  @Override
  public HttpRequestInfo request() {
    return request;
  }

  @Override
  public AuthenticatedUser user() {
    return user;
  }

  /** Records the credential of a request of the connection's owner (the first one makes it so). */
  void authenticatedAs(AuthenticatedUser latest) {
    user = latest;
  }

  /**
   * Whether {@code other} is the connection's owner: the same name identifier, as the reference
   * compares users (anonymous is a user without one).
   */
  boolean ownedBy(AuthenticatedUser other) {
    return Objects.equals(nameOf(user), nameOf(other));
  }

  static String nameOf(AuthenticatedUser user) {
    return user == null ? null : user.nameIdentifier();
  }

  @Override
  public Map<Object, Object> items() {
    Map<Object, Object> map = items;
    if (map == null) {
      synchronized (lock) {
        map = items;
        if (map == null) {
          map = new ConcurrentHashMap<>();
          items = map;
        }
      }
    }
    return map;
  }

  @Override
  public void transferFormat(TransferFormat format) {
    transferFormat = Objects.requireNonNull(format);
  }

  @Override
  public boolean binarySupported() {
    TransportSession current = session;
    return Connection.super.binarySupported() && (current == null || current.binarySupported());
  }

  /** The format of what {@link #write} sends (text until the application says otherwise). */
  @Override
  public TransferFormat transferFormat() {
    return transferFormat;
  }

  /** The current state. */
  public ConnectionState state() {
    synchronized (lock) {
      return state;
    }
  }

  @Override
  public void write(byte[] data) {
    // Read the session before the hold: activate() publishes them in the opposite order.
    TransportSession current = session;
    if (current == null) {
      return;
    }
    HeldWrites hold = held;
    if (hold != null && hold.session() == current && hold.writer() != Thread.currentThread()) {
      synchronized (lock) {
        if (held == hold) {
          hold.deferred().add(data);
          return;
        }
      }
    }
    current.write(data);
  }

  @Override
  public void close() {
    ending = true;
    sends.end();
    TransportSession current = session;
    if (current != null) {
      current.close();
    } else {
      dispose(null);
    }
  }

  @Override
  public void abort() {
    ending = true;
    sends.end();
    terminate();
  }

  /** The client's DELETE: ends the connection at once (its waiting poll gets 204). */
  void deletedByClient() {
    deleted = true;
    terminate();
  }

  private void terminate() {
    TransportSession current = session;
    if (current != null) {
      current.abort();
    } else {
      dispose(null);
    }
  }

  /** From now on the connection's end counts as the application's shutdown. */
  void endingForShutdown() {
    closingStatus = ConnectionStatus.APP_SHUTDOWN;
  }

  /**
   * The server stops: closes gracefully, and ends at once a connection that no transport request
   * is serving (a long-polling client between polls, which could only come back to a server that
   * is going away).
   */
  void shutdown() {
    endingForShutdown();
    close();
    boolean idle;
    synchronized (lock) {
      idle = state == ConnectionState.INACTIVE;
    }
    if (idle) {
      dispose(null);
    }
  }

  @Override
  public void dropTransport() {
    TransportSession current = session;
    if (current != null) {
      current.drop();
    }
  }

  @Override
  public void pauseReading() {
    TransportSession current;
    synchronized (lock) {
      readingPaused = true;
      current = session;
    }
    if (current != null) {
      current.pauseReading();
    }
    sends.pause();
  }

  @Override
  public void resumeReading() {
    TransportSession current;
    synchronized (lock) {
      readingPaused = false;
      current = session;
    }
    if (current != null) {
      current.resumeReading();
    }
    sends.resume();
  }

  /**
   * The transport of {@code attached} is ready to carry data (e.g. the WebSocket handshake
   * response went out). The first transport hands the connection to the application; a
   * re-attached one calls {@link ConnectionListener#onTransportReattached}. Stale sessions and
   * repeated calls are ignored. Runs the callbacks on the calling (transport) thread.
   */
  @Override
  public void transportStarted(TransportSession attached) {
    boolean first;
    synchronized (lock) {
      if (state == ConnectionState.DISPOSED || attached != session) {
        return;
      }
      if (!started) {
        started = true;
        first = true;
        events.connectionOpened(connectionId, transportType); // under the lock: before any close
      } else if (reattaching == attached) {
        reattaching = null;
        first = false;
      } else {
        return;
      }
    }
    callbacks.run(first ? this::connect : () -> reattached(attached));
  }

  /**
   * Bytes from the client, in arrival order. A listener that throws has broken the connection:
   * it is logged and the connection is aborted with that error.
   */
  @Override
  public void receive(ByteBuffer data) {
    ConnectionListener current = listener;
    if (current == null) {
      return;
    }
    try {
      current.onData(data);
    } catch (RuntimeException e) {
      LOG.error("Connection {}: the listener failed on received data; aborting", connectionId, e);
      fail(e);
    }
  }

  /**
   * The transport of {@code ended} is over for good (a close handshake, the application's own
   * close or abort, a failure); {@code error} is null for a clean end. A session that has been
   * replaced meanwhile is ignored.
   */
  @Override
  public void transportEnded(TransportSession ended, Throwable error) {
    if (ended == session) {
      dispose(error);
    }
  }

  /**
   * The transport of {@code lost} dropped ungracefully (no close handshake). With stateful
   * reconnect granted, a started WebSocket connection is detached and waits, inactive, for a new
   * WebSocket; any other connection ends with {@code cause}. Stale sessions are ignored.
   */
  @Override
  public void transportLost(TransportSession lost, Throwable cause) {
    boolean detached;
    synchronized (lock) {
      if (lost != session || state == ConnectionState.DISPOSED) {
        return;
      }
      // Once the application ended the connection, a drop (e.g. the client cutting the socket
      // instead of finishing the close handshake) ends it for good: no re-attach.
      detached =
          statefulReconnect && started && !ending && transportType == TransportType.WEB_SOCKETS;
      if (detached) {
        session = null;
        reattaching = null;
        state = ConnectionState.INACTIVE;
        activeRequest = null;
        lastSeenNanos = nanoClock.getAsLong();
        lostCause = cause;
      }
    }
    if (detached) {
      LOG.debug("Connection {}: transport lost, waiting for a re-attach", connectionId, cause);
      callbacks.run(this::notifyLost);
    } else {
      dispose(cause);
    }
  }

  /**
   * Attaches a WebSocket or SSE request unless the state machine rejects it. A stateful
   * WebSocket that re-attaches replaces (and drops) a previous socket that is still open; its
   * writes are held until {@link ConnectionListener#onTransportReattached} has run.
   */
  TransportResponse activate(TransportType type, HttpRequestInfo info, TransportSession attached) {
    TransportSession replaced;
    boolean paused;
    synchronized (lock) {
      TransportResponse rejection = checkTransportLocked(type);
      if (rejection != null) {
        return rejection;
      }
      if (transportType == null) {
        transportType = type;
        request = info;
      }
      replaced = session;
      if (started) {
        // Only a stateful WebSocket gets here (checkTransportLocked).
        reattaching = attached;
        held = new HeldWrites(attached, null);
        lostCause = null;
      }
      session = attached;
      state = ConnectionState.ACTIVE;
      activeRequest = attached;
      paused = readingPaused;
    }
    if (paused) {
      attached.pauseReading();
    }
    if (replaced != null) {
      replaced.abort();
      callbacks.run(this::notifyLost);
    }
    return null;
  }

  /**
   * Serves a long poll: the first one is answered at once and starts the application, later
   * ones wait in the {@link LongPollingSession}. Returns the rejection, or null when served.
   */
  TransportResponse poll(
      HttpRequestInfo info, LongPoll poll, Duration pollTimeout, long maxBufferedBytes) {
    LongPollingSession polling;
    boolean first;
    synchronized (lock) {
      TransportResponse rejection = checkTransportLocked(TransportType.LONG_POLLING);
      if (rejection != null) {
        return rejection;
      }
      first = transportType == null;
      if (first) {
        transportType = TransportType.LONG_POLLING;
        request = info;
        session = new LongPollingSession(this, pollTimeout, maxBufferedBytes);
      }
      polling = (LongPollingSession) session;
      state = ConnectionState.ACTIVE;
      activeRequest = poll;
    }
    if (first) {
      poll.respond(FIRST_POLL);
      deactivate(poll);
      transportStarted(polling);
    } else {
      polling.poll(poll);
    }
    return null;
  }

  /** The client went away from a poll that was still waiting. */
  @Override
  public void pollAbandoned(LongPoll poll) {
    if (session instanceof LongPollingSession polling) {
      polling.abandon(poll);
    }
  }

  /** A POST body for the application (§1.7); see {@link InboundSends#offer}. */
  CompletionStage<TransportResponse> send(ByteBuffer body, Executor executor) {
    return sends.offer(body, executor);
  }

  /** The transport request {@code ended} is over and no other replaced it: inactive from now. */
  void deactivate(Object ended) {
    synchronized (lock) {
      if (activeRequest == ended && state == ConnectionState.ACTIVE) {
        state = ConnectionState.INACTIVE;
        activeRequest = null;
        lastSeenNanos = nanoClock.getAsLong();
      }
    }
  }

  private TransportResponse checkTransportLocked(TransportType type) {
    if (transportType != null) {
      if (transportType != type) {
        return TransportResponse.text(400, "Cannot change transports mid-connection");
      }
      if (!clientReconnectExpected()) {
        return TransportResponse.empty(409);
      }
    }
    if (state == ConnectionState.DISPOSED
        || (ending && started && transportType == TransportType.WEB_SOCKETS)) {
      return TransportResponse.empty(404); // gone, or a re-attach after the application ended it
    }
    return null;
  }

  /** Long polling comes back request after request; a stateful WebSocket may re-attach. */
  private boolean clientReconnectExpected() {
    return transportType == TransportType.LONG_POLLING
        || (transportType == TransportType.WEB_SOCKETS && statefulReconnect);
  }

  /** Disposes the connection if it has been inactive for longer than {@code timeoutNanos}. */
  boolean expireIfIdle(long timeoutNanos) {
    Throwable cause;
    synchronized (lock) {
      if (state != ConnectionState.INACTIVE
          || nanoClock.getAsLong() - lastSeenNanos <= timeoutNanos) {
        return false;
      }
      cause = lostCause;
    }
    closingStatus = ConnectionStatus.TIMEOUT;
    dispose(cause);
    return true;
  }

  private void connect() {
    synchronized (lock) {
      if (state == ConnectionState.DISPOSED) {
        return;
      }
    }
    ConnectionListener created;
    try {
      created = Objects.requireNonNull(handler.onConnected(this), "onConnected returned null");
    } catch (RuntimeException e) {
      LOG.error("Connection {}: the connection handler failed; aborting", connectionId, e);
      fail(e);
      return;
    }
    listener = created;
    sends.start();
  }

  private void reattached(TransportSession attached) {
    ConnectionListener current = listener;
    try {
      if (current == null || session != attached) {
        return;
      }
      synchronized (lock) {
        List<byte[]> deferred = held != null ? held.deferred() : new ArrayList<>();
        held = new HeldWrites(attached, Thread.currentThread(), deferred);
      }
      current.onTransportReattached();
    } catch (RuntimeException e) {
      LOG.error("Connection {}: the listener failed on a re-attach; aborting", connectionId, e);
      fail(e);
    } finally {
      synchronized (lock) {
        HeldWrites hold = held;
        if (hold != null && hold.session() == attached) {
          // Still under the lock, so no writer can slip in between the deferred writes.
          hold.deferred().forEach(attached::write);
          held = null;
        }
      }
    }
  }

  private void notifyLost() {
    ConnectionListener current = listener;
    if (current == null) {
      return;
    }
    try {
      current.onTransportLost();
    } catch (RuntimeException e) {
      LOG.error("Connection {}: the listener failed on a lost transport; aborting", connectionId, e);
      fail(e);
    }
  }

  private void fail(Throwable cause) {
    synchronized (lock) {
      if (failure == null) {
        failure = cause;
      }
    }
    abort();
  }

  /** Ends the connection for good: unregisters it and tells the application once. */
  void dispose(Throwable error) {
    synchronized (lock) {
      if (state == ConnectionState.DISPOSED) {
        return;
      }
      state = ConnectionState.DISPOSED;
      if (failure == null) {
        failure = error;
      }
      // Later writes go nowhere; an expired long-polling session's buffer goes with it.
      session = null;
      events.connectionClosed(connectionId, started ? transportType : null, closingStatus, failure, createdNanos);
    }
    registry.remove(this);
    sends.dispose();
    callbacks.run(this::notifyClosed);
  }

  private void notifyClosed() {
    ConnectionListener current = listener;
    Throwable error;
    synchronized (lock) {
      error = failure;
    }
    if (current == null) {
      return;
    }
    try {
      current.onClosed(error);
    } catch (RuntimeException e) {
      LOG.error("Connection {}: the listener failed in onClosed", connectionId, e);
    }
  }

  @Override
  public String toString() {
    return "Connection[" + connectionId + "]";
  }
}
