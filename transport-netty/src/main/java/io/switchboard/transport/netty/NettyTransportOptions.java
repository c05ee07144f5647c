package io.switchboard.transport.netty;

import io.netty.channel.WriteBufferWaterMark;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the Netty transport, shared by every endpoint of one {@link SwitchboardHttpHandler}.
 * Build them with {@link #builder()} (or from other options with {@link #toBuilder()}); {@link
 * #defaults()} never hurt an honest client.
 *
 * <p>Outbound memory per connection is bounded as described in {@link SwitchboardHttpHandler}:
 * the channel's write-buffer watermarks mark it unwritable; a connection that stays unwritable for
 * {@code sendTimeout}, or whose queued output exceeds {@code maxPendingWriteBytes}, is aborted.
 *
 * <p>Inbound HTTP is bounded as Kestrel (the reference's server) bounds it: a request line over
 * {@code maxRequestLineSize} is answered 414, request headers over {@code maxRequestHeadersSize}
 * or {@code maxRequestHeaderCount} 431 (all then close the connection); a request head still incomplete {@code
 * requestHeadersTimeout} after its first byte is answered 408 and closed, and so is a request
 * whose body, after {@code minRequestBodyDataRateGracePeriod}, arrives slower than {@code
 * minRequestBodyDataRate} on average; a connection idle between requests for {@code
 * keepAliveTimeout} is closed. No timer runs while a request is being
 * served (a long poll, a Server-Sent Events stream) nor on a WebSocket. The connection caps apply
 * to servers built with {@link SwitchboardChannelInitializer}; a connection over the cap is closed
 * at once, a WebSocket upgrade over its cap is answered 500, as Kestrel does.
 *
 * @param maxRequestSize largest aggregated HTTP request body (hub messages sent by POST,
 *     application routes)
 * @param maxWebSocketFrameSize largest incoming WebSocket frame payload; larger frames close the
 *     WebSocket with status 1009
 * @param writeBufferLowWaterMark a channel becomes writable again below this many queued bytes
 * @param writeBufferHighWaterMark a channel becomes unwritable above this many queued bytes
 * @param maxPendingWriteBytes hard bound of queued outbound bytes per connection
 * @param sendTimeout how long a connection may stay unwritable (the reference server's {@code
 *     TransportSendTimeout})
 * @param maxRequestLineSize largest request line (Kestrel's {@code MaxRequestLineSize})
 * @param maxRequestHeadersSize largest total of the request headers (Kestrel's {@code
 *     MaxRequestHeadersTotalSize})
 * @param maxRequestHeaderCount most request header fields (Kestrel's {@code
 *     MaxRequestHeaderCount})
 * @param maxNonMessageBodySize largest body of an endpoint request that carries no hub messages
 *     (negotiate, polls, DELETE, upgrades); larger ones are answered 413
 * @param requestHeadersTimeout how long a request head may take to arrive from its first byte
 *     (Kestrel's {@code RequestHeadersTimeout})
 * @param keepAliveTimeout how long a connection may wait for its next request (Kestrel's {@code
 *     KeepAliveTimeout})
 * @param minRequestBodyDataRate least average rate, in bytes per second, of a request body; 0 for
 *     none (Kestrel's {@code MinRequestBodyDataRate})
 * @param minRequestBodyDataRateGracePeriod how long a body may take before its rate is checked
 * @param maxConcurrentConnections most open HTTP connections, WebSockets excluded; 0 for no cap
 *     (Kestrel's {@code MaxConcurrentConnections})
 * @param maxConcurrentUpgradedConnections most open WebSockets; 0 for no cap (Kestrel's {@code
 *     MaxConcurrentUpgradedConnections})
 */
public record NettyTransportOptions(
    int maxRequestSize,
    int maxWebSocketFrameSize,
    int writeBufferLowWaterMark,
    int writeBufferHighWaterMark,
    long maxPendingWriteBytes,
    Duration sendTimeout,
    int maxRequestLineSize,
    int maxRequestHeadersSize,
    int maxRequestHeaderCount,
    int maxNonMessageBodySize,
    Duration requestHeadersTimeout,
    Duration keepAliveTimeout,
    int minRequestBodyDataRate,
    Duration minRequestBodyDataRateGracePeriod,
    int maxConcurrentConnections,
    int maxConcurrentUpgradedConnections) {

  /** Validates the limits. */
  public NettyTransportOptions {
    Objects.requireNonNull(sendTimeout, "sendTimeout");
    Objects.requireNonNull(requestHeadersTimeout, "requestHeadersTimeout");
    Objects.requireNonNull(keepAliveTimeout, "keepAliveTimeout");
    Objects.requireNonNull(minRequestBodyDataRateGracePeriod, "minRequestBodyDataRateGracePeriod");
    if (maxRequestSize <= 0 || maxWebSocketFrameSize <= 0 || maxNonMessageBodySize < 0) {
      throw new IllegalArgumentException("request and frame sizes must be positive");
    }
    if (writeBufferLowWaterMark <= 0 || writeBufferHighWaterMark < writeBufferLowWaterMark) {
      throw new IllegalArgumentException("need 0 < writeBufferLowWaterMark <= writeBufferHighWaterMark");
    }
    if (maxPendingWriteBytes < writeBufferHighWaterMark) {
      throw new IllegalArgumentException("maxPendingWriteBytes must be at least the high watermark");
    }
    if (maxRequestLineSize <= 0 || maxRequestHeadersSize <= 0 || maxRequestHeaderCount <= 0) {
      throw new IllegalArgumentException("request line and header sizes must be positive");
    }
    if (!isPositive(sendTimeout)
        || !isPositive(requestHeadersTimeout)
        || !isPositive(keepAliveTimeout)
        || !isPositive(minRequestBodyDataRateGracePeriod)) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (minRequestBodyDataRate < 0) {
      throw new IllegalArgumentException("minRequestBodyDataRate must be 0 (none) or positive");
    }
    if (maxConcurrentConnections < 0 || maxConcurrentUpgradedConnections < 0) {
      throw new IllegalArgumentException("connection caps must be 0 (none) or positive");
    }
  }

  /**
   * Defaults: 1 MiB requests, 4 MiB WebSocket frames, watermarks 32 / 64 KiB (the reference
   * server's 64 KiB pause threshold), 8 MiB hard bound, 10 s send timeout; Kestrel's 8 KiB
   * request line, 32 KiB and 100 headers, 30 s request-headers and 130 s keep-alive timeouts,
   * bodies at 240 bytes/s at least after a 5 s grace period, no connection caps; 64 KiB for
   * bodies that carry no hub messages (honest clients send none).
   */
  public static NettyTransportOptions defaults() {
    return builder().build();
  }

  /** A builder starting from the {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The watermarks as Netty takes them. */
  WriteBufferWaterMark writeBufferWaterMark() {
    return new WriteBufferWaterMark(writeBufferLowWaterMark, writeBufferHighWaterMark);
  }

  private static boolean isPositive(Duration duration) {
    return !duration.isNegative() && !duration.isZero();
  }

  /** Builds {@link NettyTransportOptions}; every value starts at its default. */
  public static final class Builder {
    private int maxRequestSize = 1 << 20;
    private int maxWebSocketFrameSize = 4 << 20;
    private int writeBufferLowWaterMark = 32 << 10;
    private int writeBufferHighWaterMark = 64 << 10;
    private long maxPendingWriteBytes = 8L << 20;
    private Duration sendTimeout = Duration.ofSeconds(10);
    private int maxRequestLineSize = 8 << 10;
    private int maxRequestHeadersSize = 32 << 10;
    private int maxRequestHeaderCount = 100;
    private int maxNonMessageBodySize = 64 << 10;
    private Duration requestHeadersTimeout = Duration.ofSeconds(30);
    private Duration keepAliveTimeout = Duration.ofSeconds(130);
    private int minRequestBodyDataRate = 240;
    private Duration minRequestBodyDataRateGracePeriod = Duration.ofSeconds(5);
    private int maxConcurrentConnections;
    private int maxConcurrentUpgradedConnections;

    private Builder() {}

    private Builder(NettyTransportOptions from) {
      maxRequestSize = from.maxRequestSize;
      maxWebSocketFrameSize = from.maxWebSocketFrameSize;
      writeBufferLowWaterMark = from.writeBufferLowWaterMark;
      writeBufferHighWaterMark = from.writeBufferHighWaterMark;
      maxPendingWriteBytes = from.maxPendingWriteBytes;
      sendTimeout = from.sendTimeout;
      maxRequestLineSize = from.maxRequestLineSize;
      maxRequestHeadersSize = from.maxRequestHeadersSize;
      maxRequestHeaderCount = from.maxRequestHeaderCount;
      maxNonMessageBodySize = from.maxNonMessageBodySize;
      requestHeadersTimeout = from.requestHeadersTimeout;
      keepAliveTimeout = from.keepAliveTimeout;
      minRequestBodyDataRate = from.minRequestBodyDataRate;
      minRequestBodyDataRateGracePeriod = from.minRequestBodyDataRateGracePeriod;
      maxConcurrentConnections = from.maxConcurrentConnections;
      maxConcurrentUpgradedConnections = from.maxConcurrentUpgradedConnections;
    }

    /** See {@link NettyTransportOptions#maxRequestSize()}. */
    public Builder maxRequestSize(int bytes) {
      maxRequestSize = bytes;
      return this;
    }

    /** See {@link NettyTransportOptions#maxWebSocketFrameSize()}. */
    public Builder maxWebSocketFrameSize(int bytes) {
      maxWebSocketFrameSize = bytes;
      return this;
    }

    /** See {@link NettyTransportOptions#writeBufferLowWaterMark()} and the high mark. */
    public Builder writeBufferWaterMarks(int low, int high) {
      writeBufferLowWaterMark = low;
      writeBufferHighWaterMark = high;
      return this;
    }

    /** See {@link NettyTransportOptions#maxPendingWriteBytes()}. */
    public Builder maxPendingWriteBytes(long bytes) {
      maxPendingWriteBytes = bytes;
      return this;
    }

    /** See {@link NettyTransportOptions#sendTimeout()}. */
    public Builder sendTimeout(Duration value) {
      sendTimeout = value;
      return this;
    }

    /** See {@link NettyTransportOptions#maxRequestLineSize()}. */
    public Builder maxRequestLineSize(int bytes) {
      maxRequestLineSize = bytes;
      return this;
    }

    /** See {@link NettyTransportOptions#maxRequestHeadersSize()}. */
    public Builder maxRequestHeadersSize(int bytes) {
      maxRequestHeadersSize = bytes;
      return this;
    }

    /** See {@link NettyTransportOptions#maxRequestHeaderCount()}. */
    public Builder maxRequestHeaderCount(int count) {
      maxRequestHeaderCount = count;
      return this;
    }

    /** See {@link NettyTransportOptions#maxNonMessageBodySize()}. */
    public Builder maxNonMessageBodySize(int bytes) {
      maxNonMessageBodySize = bytes;
      return this;
    }

    /** See {@link NettyTransportOptions#requestHeadersTimeout()}. */
    public Builder requestHeadersTimeout(Duration value) {
      requestHeadersTimeout = value;
      return this;
    }

    /** See {@link NettyTransportOptions#keepAliveTimeout()}. */
    public Builder keepAliveTimeout(Duration value) {
      keepAliveTimeout = value;
      return this;
    }

    /**
     * See {@link NettyTransportOptions#minRequestBodyDataRate()} and {@link
     * NettyTransportOptions#minRequestBodyDataRateGracePeriod()}.
     */
    public Builder minRequestBodyDataRate(int bytesPerSecond, Duration gracePeriod) {
      minRequestBodyDataRate = bytesPerSecond;
      minRequestBodyDataRateGracePeriod = gracePeriod;
      return this;
    }

    /** See {@link NettyTransportOptions#maxConcurrentConnections()}. */
    public Builder maxConcurrentConnections(int count) {
      maxConcurrentConnections = count;
      return this;
    }

    /** See {@link NettyTransportOptions#maxConcurrentUpgradedConnections()}. */
    public Builder maxConcurrentUpgradedConnections(int count) {
      maxConcurrentUpgradedConnections = count;
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public NettyTransportOptions build() {
      return new NettyTransportOptions(
          maxRequestSize,
          maxWebSocketFrameSize,
          writeBufferLowWaterMark,
          writeBufferHighWaterMark,
          maxPendingWriteBytes,
          sendTimeout,
          maxRequestLineSize,
          maxRequestHeadersSize,
          maxRequestHeaderCount,
          maxNonMessageBodySize,
          requestHeadersTimeout,
          keepAliveTimeout,
          minRequestBodyDataRate,
          minRequestBodyDataRateGracePeriod,
          maxConcurrentConnections,
          maxConcurrentUpgradedConnections);
    }
  }
}
