package io.switchboard.connection;

import java.nio.ByteBuffer;

/** Receives what arrives on a connection, in order. Implemented by the application on top. */
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
}
