package io.switchboard.connection;

import io.switchboard.protocol.TransferFormat;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection layer's connection: the {@link Connection} handed to the application, plus the
 * state machine of protocol §1.5 that transport adapters drive. Output and flow control are
 * delegated to the attached {@link TransportSession}.
 *
 * <p>Guarantees: {@link ConnectionHandler#onConnected} is called once, when the first transport
 * has started; {@link ConnectionListener#onClosed} is called exactly once after that, whoever
 * ends the connection. Writes before the first transport or after the end are dropped.
 */
public final class ManagedConnection implements Connection {
  private static final Logger LOG = LoggerFactory.getLogger(ManagedConnection.class);

  private final String connectionId;
  private final String token;
  private final boolean statefulReconnect;
  private final ConnectionHandler handler;
  private final ConnectionRegistry registry;
  private final LongSupplier nanoClock;
  private final Map<Object, Object> items = new ConcurrentHashMap<>();
  private volatile TransferFormat transferFormat = TransferFormat.TEXT;

  // Written under lock, read without it on the hot paths.
  private volatile TransportType transportType;
  private volatile HttpRequestInfo request;
  private volatile TransportSession session;
  private volatile ConnectionListener listener;

  private final Object lock = new Object();
  // Guarded by lock.
  private ConnectionState state = ConnectionState.INACTIVE;
  private long lastSeenNanos;
  private boolean started;
  private boolean closeNotified;
  private Throwable failure;

  ManagedConnection(
      String connectionId,
      String token,
      boolean statefulReconnect,
      ConnectionHandler handler,
      ConnectionRegistry registry,
      LongSupplier nanoClock) {
    this.connectionId = connectionId;
    this.token = token;
    this.statefulReconnect = statefulReconnect;
    this.handler = handler;
    this.registry = registry;
    this.nanoClock = nanoClock;
    this.lastSeenNanos = nanoClock.getAsLong();
  }

  @Override
  public String connectionId() {
    return connectionId;
  }

  /** The secret token that opens transports (equal to the id for negotiate version 0). */
  String token() {
    return token;
  }

  /** Whether negotiate granted stateful reconnect. */
  public boolean statefulReconnect() {
    return statefulReconnect;
  }

  @Override
  public TransportType transportType() {
    return transportType;
  }

  @Override
  public HttpRequestInfo request() {
    return request;
  }

  @Override
  public Map<Object, Object> items() {
    return items;
  }

  @Override
  public void transferFormat(TransferFormat format) {
    transferFormat = Objects.requireNonNull(format);
  }

  /** The format of what {@link #write} sends (text until the application says otherwise). */
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
    TransportSession current = session;
    if (current != null) {
      current.write(data);
    }
  }

  @Override
  public void close() {
    TransportSession current = session;
    if (current != null) {
      current.close();
    } else {
      dispose(null);
    }
  }

  @Override
  public void abort() {
    TransportSession current = session;
    if (current != null) {
      current.abort();
    } else {
      dispose(null);
    }
  }

  @Override
  public void pauseReading() {
    TransportSession current = session;
    if (current != null) {
      current.pauseReading();
    }
  }

  @Override
  public void resumeReading() {
    TransportSession current = session;
    if (current != null) {
      current.resumeReading();
    }
  }

  /**
   * The attached transport is ready to carry data (e.g. the WebSocket handshake response went
   * out). The first call hands the connection to the application; later calls (new polls) do
   * nothing. Called on a transport thread, so the handler's {@code onConnected} must not block.
   */
  public void transportStarted() {
    synchronized (lock) {
      if (started || state == ConnectionState.DISPOSED) {
        return;
      }
      started = true;
    }
    ConnectionListener created;
    try {
      created = Objects.requireNonNull(handler.onConnected(this), "onConnected returned null");
    } catch (RuntimeException e) {
      LOG.error("Connection {}: the connection handler failed; aborting", connectionId, e);
      fail(e);
      return;
    }
    boolean endedMeanwhile;
    synchronized (lock) {
      listener = created;
      endedMeanwhile = state == ConnectionState.DISPOSED;
    }
    if (endedMeanwhile) {
      notifyClosed();
    }
  }

  /**
   * Bytes from the client, in arrival order. A listener that throws has broken the connection:
   * it is logged and the connection is aborted with that error.
   */
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
   * The transport request of {@code ended} is over; {@code error} is null for a clean end. A
   * session that has been replaced meanwhile is ignored.
   */
  public void transportEnded(TransportSession ended, Throwable error) {
    if (ended == session) {
      dispose(error);
    }
  }

  /** Returns the rejection of a transport request of this type, or null if it may attach. */
  TransportResponse checkTransport(TransportType type) {
    synchronized (lock) {
      return checkTransportLocked(type);
    }
  }

  /** Attaches a transport request unless the state machine rejects it. */
  TransportResponse activate(TransportType type, HttpRequestInfo info, TransportSession attached) {
    synchronized (lock) {
      TransportResponse rejection = checkTransportLocked(type);
      if (rejection == null) {
        transportType = type;
        request = info;
        session = attached;
        state = ConnectionState.ACTIVE;
      }
      return rejection;
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
    if (state == ConnectionState.DISPOSED) {
      return TransportResponse.empty(404);
    }
    if (state == ConnectionState.ACTIVE) {
      return TransportResponse.empty(409);
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
    synchronized (lock) {
      if (state != ConnectionState.INACTIVE || nanoClock.getAsLong() - lastSeenNanos <= timeoutNanos) {
        return false;
      }
    }
    dispose(null);
    return true;
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
    }
    registry.remove(this);
    notifyClosed();
  }

  private void notifyClosed() {
    ConnectionListener current;
    Throwable error;
    synchronized (lock) {
      current = listener;
      if (current == null || closeNotified) {
        return;
      }
      closeNotified = true;
      error = failure;
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
