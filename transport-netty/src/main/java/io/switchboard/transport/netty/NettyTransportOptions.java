package io.switchboard.transport.netty;

import io.netty.channel.WriteBufferWaterMark;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the Netty transport, shared by every endpoint of one {@link SwitchboardHttpHandler}.
 *
 * <p>Outbound memory per connection is bounded as described in {@link SwitchboardHttpHandler}:
 * the channel's write-buffer watermarks mark it unwritable; a connection that stays unwritable for
 * {@code sendTimeout}, or whose queued output exceeds {@code maxPendingWriteBytes}, is aborted.
 *
 * @param maxRequestSize largest aggregated HTTP request body (negotiate, application routes)
 * @param maxWebSocketFrameSize largest incoming WebSocket frame payload; larger frames close the
 *     WebSocket with status 1009
 * @param writeBufferLowWaterMark a channel becomes writable again below this many queued bytes
 * @param writeBufferHighWaterMark a channel becomes unwritable above this many queued bytes
 * @param maxPendingWriteBytes hard bound of queued outbound bytes per connection
 * @param sendTimeout how long a connection may stay unwritable (the reference server's {@code
 *     TransportSendTimeout})
 */
public record NettyTransportOptions(
    int maxRequestSize,
    int maxWebSocketFrameSize,
    int writeBufferLowWaterMark,
    int writeBufferHighWaterMark,
    long maxPendingWriteBytes,
    Duration sendTimeout) {

  /** Validates the limits. */
  public NettyTransportOptions {
    Objects.requireNonNull(sendTimeout, "sendTimeout");
    if (maxRequestSize <= 0 || maxWebSocketFrameSize <= 0) {
      throw new IllegalArgumentException("request and frame sizes must be positive");
    }
    if (writeBufferLowWaterMark <= 0 || writeBufferHighWaterMark < writeBufferLowWaterMark) {
      throw new IllegalArgumentException("need 0 < writeBufferLowWaterMark <= writeBufferHighWaterMark");
    }
    if (maxPendingWriteBytes < writeBufferHighWaterMark) {
      throw new IllegalArgumentException("maxPendingWriteBytes must be at least the high watermark");
    }
  }

  /**
   * Defaults: 1 MiB requests, 4 MiB WebSocket frames, watermarks 32 / 64 KiB (the reference
   * server's 64 KiB pause threshold), 8 MiB hard bound, 10 s send timeout.
   */
  public static NettyTransportOptions defaults() {
    return new NettyTransportOptions(
        1 << 20, 4 << 20, 32 << 10, 64 << 10, 8L << 20, Duration.ofSeconds(10));
  }

  /** The watermarks as Netty takes them. */
  WriteBufferWaterMark writeBufferWaterMark() {
    return new WriteBufferWaterMark(writeBufferLowWaterMark, writeBufferHighWaterMark);
  }

  /** A copy with another largest WebSocket frame payload. */
  public NettyTransportOptions withMaxWebSocketFrameSize(int bytes) {
    return new NettyTransportOptions(
        maxRequestSize,
        bytes,
        writeBufferLowWaterMark,
        writeBufferHighWaterMark,
        maxPendingWriteBytes,
        sendTimeout);
  }

  /** A copy with another hard bound of queued outbound bytes. */
  public NettyTransportOptions withMaxPendingWriteBytes(long bytes) {
    return new NettyTransportOptions(
        maxRequestSize,
        maxWebSocketFrameSize,
        writeBufferLowWaterMark,
        writeBufferHighWaterMark,
        bytes,
        sendTimeout);
  }

  /** A copy with another send timeout. */
  public NettyTransportOptions withSendTimeout(Duration timeout) {
    return new NettyTransportOptions(
        maxRequestSize,
        maxWebSocketFrameSize,
        writeBufferLowWaterMark,
        writeBufferHighWaterMark,
        maxPendingWriteBytes,
        timeout);
  }
}
