package io.switchboard.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kestrel's timeouts of an HTTP/1.1 connection. Waiting for a request (after connecting, or after
 * the last response) it may stay silent for {@code keepAliveTimeout}, then it is closed; from the
 * first byte of a request its head must be complete within {@code requestHeadersTimeout}, and its
 * body must arrive at {@code minRequestBodyDataRate} on average once {@code
 * minRequestBodyDataRateGracePeriod} has passed, else it is answered 408 and closed. No timer runs
 * from a request's end to the end of its response: a long poll or a Server-Sent Events stream
 * lasts as long as it needs. An upgrade to a WebSocket removes both handlers (the hub's own
 * timeouts take over).
 *
 * <p>Two handlers share the state: one before the HTTP codec sees a request's first bytes, one
 * after it sees decoded request heads and the responses written. All on the event loop.
 */
final class HttpTimeouts {
  /** Name of the handler before the codec. */
  static final String REQUEST_START = "switchboard-request-start";

  /** Name of the handler after the codec. */
  static final String EXCHANGES = "switchboard-http-timeouts";

  private static final Logger LOG = LoggerFactory.getLogger(HttpTimeouts.class);

  private enum State {
    /** Between requests: the keep-alive timeout runs. */
    WAITING,
    /** Bytes of a request head have arrived: the request-headers timeout runs. */
    RECEIVING_HEAD,
    /** A request body is arriving: its rate is checked. */
    RECEIVING_BODY,
    /** Requests are being answered: no timer. */
    SERVING
  }

  private final Duration keepAliveTimeout;
  private final Duration requestHeadersTimeout;
  private final long minBodyBytesPerSecond;
  private final long bodyGraceNanos;
  private State state = State.WAITING;
  private int unanswered;
  private long bodyStartNanos;
  private long bodyBytes;
  private ScheduledFuture<?> timer;
  private ChannelHandlerContext exchanges;

  private HttpTimeouts(NettyTransportOptions options) {
    keepAliveTimeout = options.keepAliveTimeout();
    requestHeadersTimeout = options.requestHeadersTimeout();
    minBodyBytesPerSecond = options.minRequestBodyDataRate();
    bodyGraceNanos = options.minRequestBodyDataRateGracePeriod().toNanos();
  }

  /** Adds both handlers around the codec named {@code codecName}. */
  static void install(ChannelPipeline pipeline, String codecName, NettyTransportOptions options) {
    HttpTimeouts timeouts = new HttpTimeouts(options);
    pipeline.addBefore(codecName, REQUEST_START, timeouts.new RequestStart());
    pipeline.addAfter(codecName, EXCHANGES, timeouts.new Exchanges());
  }

  private void arm(Duration timeout) {
    arm(timeout.toNanos());
  }

  private void arm(long nanos) {
    cancel();
    timer = exchanges.executor().schedule(this::expired, nanos, TimeUnit.NANOSECONDS);
  }

  /** A request head arrived: its body, if it has one, is timed from now. */
  private void headReceived(HttpRequest request) {
    unanswered++;
    cancel();
    boolean hasBody =
        request.decoderResult().isSuccess()
            && (HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0);
    if (hasBody && minBodyBytesPerSecond > 0 && !(request instanceof LastHttpContent)) {
      state = State.RECEIVING_BODY;
      bodyStartNanos = System.nanoTime();
      bodyBytes = 0;
      arm(bodyGraceNanos);
    } else {
      state = State.SERVING;
    }
  }

  private void bodyReceived(HttpContent content) {
    bodyBytes += content.content().readableBytes();
    if (content instanceof LastHttpContent) {
      state = State.SERVING;
      cancel();
    }
  }

  /** The body is on time until the grace period plus the time its bytes took at the least rate. */
  private void checkBodyRate() {
    long deadline = bodyGraceNanos + bodyBytes * 1_000_000_000L / minBodyBytesPerSecond;
    long elapsed = System.nanoTime() - bodyStartNanos;
    if (elapsed < deadline) {
      arm(deadline - elapsed);
      return;
    }
    LOG.debug(
        "Channel {}: request body slower than {} bytes/s; closing",
        exchanges.channel(),
        minBodyBytesPerSecond);
    BadRequests.answer(exchanges, BadRequests.REQUEST_TIMEOUT);
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private void expired() {
    timer = null;
    if (state == State.RECEIVING_BODY) {
      checkBodyRate();
    } else if (state == State.RECEIVING_HEAD) {
      LOG.debug(
          "Channel {}: request head incomplete after {}; closing",
          exchanges.channel(),
          requestHeadersTimeout);
      BadRequests.answer(exchanges, BadRequests.REQUEST_TIMEOUT);
    } else if (state == State.WAITING) {
      LOG.debug("Channel {}: idle for {}; closing", exchanges.channel(), keepAliveTimeout);
      exchanges.close();
    }
  }

  /** Sees the raw bytes: the first of a request starts the request-headers timeout. */
  private final class RequestStart extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (state == State.WAITING && msg instanceof ByteBuf bytes && bytes.isReadable()) {
        state = State.RECEIVING_HEAD;
        arm(requestHeadersTimeout);
      }
      ctx.fireChannelRead(msg);
    }
  }

  /** Sees decoded request heads and the responses: serving stops the timers, the end restarts. */
  private final class Exchanges extends ChannelDuplexHandler {
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      exchanges = ctx;
      if (ctx.channel().isActive()) {
        arm(keepAliveTimeout);
      }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      arm(keepAliveTimeout);
      ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      cancel();
      ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
      cancel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest request) {
        headReceived(request);
      } else if (msg instanceof HttpContent content && state == State.RECEIVING_BODY) {
        bodyReceived(content);
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (msg instanceof HttpResponse response
          && response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
        ctx.write(msg, promise);
        ctx.pipeline().remove(REQUEST_START);
        ctx.pipeline().remove(this);
        return;
      }
      boolean informational =
          msg instanceof HttpResponse response
              && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
      if (msg instanceof LastHttpContent && !informational && unanswered > 0 && --unanswered == 0) {
        state = State.WAITING;
        arm(keepAliveTimeout);
      }
      ctx.write(msg, promise);
    }
  }
}
