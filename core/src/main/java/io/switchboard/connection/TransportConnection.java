package io.switchboard.connection;

import io.switchboard.events.SlowClientReason;
import io.switchboard.protocol.TransferFormat;
import java.nio.ByteBuffer;
import java.util.function.LongSupplier;

/**
 * The transport SPI's side of one connection: what a transport adapter tells the connection
 * layer about the transport request it serves. {@link ConnectionEndpoint#attach} and {@link
 * ConnectionEndpoint#poll} hand it out; the adapter implements the other half, {@link
 * TransportSession}, through which the connection writes. Every method may be called from any
 * thread and never blocks.
 */
public interface TransportConnection {

  /** The connection's id (what the adapter logs; never the token). */
  String connectionId();

  /**
   * The format of what the connection writes: text until the application says otherwise (a
   * WebSocket adapter sends text or binary frames by it).
   */
  TransferFormat transferFormat();

  /**
   * The transport of {@code session} is ready to carry data (e.g. the WebSocket handshake
   * response went out). The first transport hands the connection to the application; a
   * re-attached one reports the reattachment. Stale sessions and repeated calls are ignored.
   */
  void transportStarted(TransportSession session);

  /** Bytes from the client, in arrival order (a WebSocket's frames; not POST bodies). */
  void receive(ByteBuffer data);

  /**
   * The transport of {@code session} is over for good (a close handshake, a close or abort, a
   * failure); {@code error} is null for a clean end. A replaced session is ignored.
   */
  void transportEnded(TransportSession session, Throwable error);

  /**
   * The transport of {@code session} dropped ungracefully (no close handshake): with stateful
   * reconnect a WebSocket connection waits for a new one, else it ends with {@code cause}.
   */
  void transportLost(TransportSession session, Throwable cause);

  /** The client went away from a long poll that was still waiting. */
  void pollAbandoned(LongPoll poll);

  /**
   * The adapter cut the connection off because its client read too slowly ({@code reason}); the
   * connection's listeners hear of it. The adapter still reports the end by {@link #transportEnded}.
   */
  void slowClientDropped(SlowClientReason reason);

  /**
   * The adapter's channel stopped taking output as fast as the connection writes ({@code
   * pressured}: above its high watermark) or caught up again (below its low watermark); the
   * connection's listeners hear of it. Called on transitions only.
   *
   * @param queuedBytes what the adapter holds for the client right now, readable from any thread
   */
  void outboundPressureChanged(boolean pressured, LongSupplier queuedBytes);
}
