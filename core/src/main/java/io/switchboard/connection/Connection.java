package io.switchboard.connection;

import io.switchboard.auth.AuthenticatedUser;
import io.switchboard.events.EndpointEvents;
import io.switchboard.protocol.TransferFormat;
import java.util.Map;

/**
 * A logical SignalR connection as the application on top of it (the hub layer, or a raw handler)
 * sees it: a duplex byte stream with an id. It outlives individual transport requests (long
 * polls, stateful re-attaches). Every method may be called from any thread and never blocks.
 */
public interface Connection {

  /** The public connection id (never the secret connection token). */
  String connectionId();

  /** The transport fixed by the first transport request. */
  TransportType transportType();

  /**
   * Whether the transport can carry binary data (the reference's {@code ITransferFormatFeature}):
   * Server-Sent Events and text-only transports cannot, and binary hub protocols are refused on
   * them.
   */
  default boolean binarySupported() {
    return transportType() != TransportType.SERVER_SENT_EVENTS;
  }

  /** The HTTP request that carried the transport. */
  HttpRequestInfo request();

  /**
   * The user the connection belongs to, or null for an anonymous connection. Every request of a
   * connection authenticates as this same user (a request of another user is refused with 403);
   * this is the latest such request's credential, e.g. with the later expiry of a refreshed token.
   */
  default AuthenticatedUser user() {
    return null;
  }

  /** Per-connection items that the application may use freely. */
  Map<Object, Object> items();

  /**
   * Sets the format of what {@link #write} sends; on WebSockets it picks text or binary frames.
   * Defaults to text.
   */
  void transferFormat(TransferFormat format);

  /**
   * Queues bytes to the client. {@code data} holds one or more complete messages and is sent as
   * one unit (one WebSocket message, one SSE event, part of one poll response). The array is not
   * copied and must not be changed afterwards: the same array may be written to many connections.
   * Writes are flushed promptly; writes from many threads coalesce into few flushes.
   */
  void write(byte[] data);

  /** Ends the connection gracefully after the queued writes (WebSocket close 1000). */
  void close();

  /** Ends the connection at once, without a graceful close. */
  void abort();

  /**
   * Cuts the current transport abruptly, as a network failure would (a WebSocket's TCP connection
   * is closed without a Close frame). When negotiate granted stateful reconnect on a WebSocket
   * connection, the connection survives and the client may re-attach (see {@link
   * ConnectionListener#onTransportLost}); otherwise the connection ends, as with {@link
   * #abort()}, which is also what implementations without transports of their own do.
   */
  default void dropTransport() {
    abort();
  }

  /** Stops reading from the client (back-pressure) until {@link #resumeReading()}. */
  void pauseReading();

  /** Resumes reading after {@link #pauseReading()}. */
  void resumeReading();

  /** Whether negotiate granted stateful reconnect: a dropped WebSocket may re-attach. */
  default boolean statefulReconnect() {
    return false;
  }

  /**
   * Where this connection reports what happens on it (see {@link
   * io.switchboard.events.SwitchboardEvents}); {@link EndpointEvents#NONE} when nobody listens.
   */
  default EndpointEvents events() {
    return EndpointEvents.NONE;
  }
}
