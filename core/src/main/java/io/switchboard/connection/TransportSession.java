package io.switchboard.connection;

/**
 * The transport adapter's side of an attached transport request (a WebSocket, an SSE stream, a
 * long-polling session): what the {@link TransportConnection} delegates its output and flow control to.
 * Implemented by transport adapters; every method may be called from any thread and must not
 * block.
 */
public interface TransportSession {

  /**
   * Queues one unit of output (see {@link Connection#write(byte[])}) in the connection's current
   * {@link TransportConnection#transferFormat() transfer format}. The array is neither copied nor
   * changed.
   */
  void write(byte[] data);

  /** Ends the transport gracefully after the queued writes. */
  void close();

  /** Ends the transport at once, dropping queued writes. */
  void abort();

  /**
   * Ends the transport abruptly, as a network failure would (no close handshake), reporting it
   * through {@link TransportConnection#transportLost}. Transports without such a distinction abort.
   */
  default void drop() {
    abort();
  }

  /**
   * Stops reading from the client until {@link #resumeReading()}. Transports whose client data
   * arrives in separate POST requests need not: the connection holds those itself.
   */
  default void pauseReading() {}

  /** Resumes reading. */
  default void resumeReading() {}

  /**
   * Whether this transport can carry binary data. A transport that carries text only (API
   * Gateway's WebSocket API) says no: the hub handshake then refuses binary protocols.
   */
  default boolean binarySupported() {
    return true;
  }
}
