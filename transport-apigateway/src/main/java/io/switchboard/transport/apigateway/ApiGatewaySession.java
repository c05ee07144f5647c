package io.switchboard.transport.apigateway;

import io.switchboard.connection.TransportConnection;
import io.switchboard.connection.TransportSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One API Gateway connection carrying one Switchboard connection: what the connection writes goes
 * out as {@code @connections} POSTs, one at a time and in order, on the senders' threads (the
 * calls block); a close is a {@code DELETE} after the queued POSTs.
 *
 * <p>API Gateway carries text frames only ({@link #binarySupported()} is false: binary hub
 * protocols are refused in the handshake). A hub message over its 128 KB limit cannot be
 * delivered: the client gets SignalR's Close message with the reason, and the connection ends
 * with that error. A POST that API Gateway answers with 410 means the client is gone (its {@code
 * $disconnect} may reach another node): the connection is lost.
 */
final class ApiGatewaySession implements TransportSession {
  private static final Logger LOG = LoggerFactory.getLogger(ApiGatewaySession.class);

  private final String apiConnectionId;
  private final ConnectionsApi api;
  private final Executor senders;
  private final int maxMessageSize;
  private final Consumer<ApiGatewaySession> onEnd;
  private volatile TransportConnection connection;
  /** One {@code $default} at a time reaches the connection, if API Gateway calls in parallel. */
  private final Object inbound = new Object();
  // Guarded by this.
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  private boolean sending;
  private boolean ended;

  ApiGatewaySession(
      String apiConnectionId,
      ConnectionsApi api,
      Executor senders,
      int maxMessageSize,
      Consumer<ApiGatewaySession> onEnd) {
    this.apiConnectionId = apiConnectionId;
    this.api = api;
    this.senders = senders;
    this.maxMessageSize = maxMessageSize;
    this.onEnd = onEnd;
  }

  /** Binds the connection that {@code attach} returned, before anything can be written. */
  void bind(TransportConnection attached) {
    connection = attached;
  }

  /** API Gateway's id of the client's socket. */
  String apiConnectionId() {
    return apiConnectionId;
  }

  /** A {@code $default} route's message: the client's bytes, in arrival order. */
  void received(byte[] message) {
    synchronized (inbound) {
      connection.receive(ByteBuffer.wrap(message));
    }
  }

  /** The {@code $disconnect} route: the socket is gone, whoever closed it. */
  void disconnected() {
    if (markEnded()) {
      connection.transportEnded(this, null);
    }
  }

  @Override
  public void write(byte[] data) {
    enqueue(() -> send(data));
  }

  @Override
  public void close() {
    enqueue(() -> end(null));
  }

  @Override
  public void abort() {
    synchronized (this) {
      queue.clear();
    }
    enqueue(() -> end(null));
  }

  @Override
  public boolean binarySupported() {
    return false;
  }

  private void enqueue(Runnable task) {
    synchronized (this) {
      if (ended) {
        return;
      }
      queue.add(task);
      if (sending) {
        return;
      }
      sending = true;
    }
    try {
      senders.execute(this::drain);
    } catch (RejectedExecutionException stopped) {
      // The transport is closing: nobody sends any more.
      synchronized (this) {
        queue.clear();
        sending = false;
      }
      end(new IOException("The API Gateway transport is closed"));
    }
  }

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (this) {
        next = queue.poll();
        if (next == null) {
          sending = false;
          return;
        }
      }
      next.run();
    }
  }

  private void send(byte[] data) {
    List<byte[]> payloads;
    try {
      payloads = OutboundMessages.split(data, maxMessageSize);
    } catch (OutboundMessages.TooLargeException e) {
      LOG.warn("Connection {}: closing it, {}", connection.connectionId(), e.getMessage());
      postQuietly(closeMessage(e.getMessage()));
      end(new IOException(e.getMessage()));
      return;
    }
    try {
      for (byte[] payload : payloads) {
        if (!api.post(apiConnectionId, payload)) {
          lost();
          return;
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("Connection {}: a @connections POST failed; closing it", connection.connectionId(), e);
      end(new IOException("A @connections POST failed", e));
    }
  }

  /**
   * SignalR's Close message (JSON: API Gateway carries no other protocol), with the text the
   * reference sends for a server-side error, so that the client learns why it was closed.
   */
  private static byte[] closeMessage(String reason) {
    String json =
        "{\"type\":7,\"error\":\"Connection closed with an error. "
            + reason
            + "\",\"allowReconnect\":false}\u001e";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private void postQuietly(byte[] payload) {
    try {
      api.post(apiConnectionId, payload);
    } catch (RuntimeException e) {
      LOG.debug("Connection {}: the Close message was not delivered", connection.connectionId(), e);
    }
  }

  /** API Gateway no longer knows the client (410): it left without our hearing of it. */
  private void lost() {
    if (markEnded()) {
      connection.transportLost(this, new IOException("API Gateway reports the connection gone"));
    }
  }

  /** Closes the client's socket (after the POSTs before it) and ends the connection. */
  private void end(Throwable error) {
    if (!markEnded()) {
      return;
    }
    try {
      api.delete(apiConnectionId);
    } catch (RuntimeException e) {
      LOG.debug("Connection {}: the @connections DELETE failed", connection.connectionId(), e);
    }
    connection.transportEnded(this, error);
  }

  private boolean markEnded() {
    synchronized (this) {
      if (ended) {
        return false;
      }
      ended = true;
      queue.clear();
    }
    onEnd.accept(this);
    return true;
  }
}
