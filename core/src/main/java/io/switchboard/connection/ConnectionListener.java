package io.switchboard.connection;

import java.nio.ByteBuffer;

/**
 * Receives what arrives on a connection, in order. Implemented by the application on top.
 *
 * <p>The lifecycle callbacks ({@link ConnectionHandler#onConnected}, {@link #onTransportLost},
 * {@link #onTransportReattached}, {@link #onClosed}) never overlap and arrive in that order; they
 * run on transport threads and must not block.
 */
public interface ConnectionListener {

  /**
   * Bytes from the client (a WebSocket message's payload, a POST body). Message boundaries of the
   * application protocol are independent of these chunks. Called on a transport thread: it must
   * not block, and must copy what it keeps, because the buffer is reused after the call.
   */
  void onData(ByteBuffer data);

  /**
   * The connection is gone, whoever ended it (client close, network drop, timeout, or the
   * application's own {@link Connection#close()} / {@link Connection#abort()}). Called exactly
   * once.
   *
   * @param error the failure, or null for a clean end
   */
  void onClosed(Throwable error);

  /**
   * Stateful reconnect only (negotiate granted it, WebSockets): the transport dropped without a
   * close handshake (or {@link Connection#dropTransport()} cut it). The connection stays open,
   * inactive, for the endpoint's disconnect timeout, waiting for the client to re-attach a new
   * WebSocket; {@link #onClosed} follows if none comes. Until then {@link Connection#write} drops
   * everything: an application that must not lose messages keeps them itself and sends them again
   * from {@link #onTransportReattached}. Called at most once per transport. Does nothing by
   * default.
   *
   * @param cause why the transport ended
   */
  default void onTransportLost(Throwable cause) {}

  /**
   * Stateful reconnect only: a new WebSocket re-attached after {@link #onTransportLost} (no new
   * {@code onConnected}; the connection, its id and its request stay the same). Called on the new
   * transport's thread before any write reaches it: writes made by this thread during the call go
   * out first, and writes from other threads meanwhile wait and follow, in order, once it
   * returns. So an application with a replay buffer writes its {@code Sequence} message and the
   * unacknowledged messages here, under the same lock its other writers take. Does nothing by
   * default.
   */
  default void onTransportReattached() {}
}
