package io.switchboard.transport.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Answers {@code GET} on one path with a scrape of the server's meters, e.g. Micrometer's
 * Prometheus registry: {@code new MetricsHandler("/metrics", MetricsHandler.PROMETHEUS_TEXT,
 * registry::scrape)}, added with {@link SwitchboardServer.Builder#pipeline}. Every other request
 * goes on down the pipeline.
 */
@Sharable
public final class MetricsHandler extends ChannelInboundHandlerAdapter {
  /** The content type of the Prometheus text exposition format 0.0.4. */
  public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final String path;
  private final String contentType;
  private final Supplier<String> scrape;

  /**
   * @param path the path it answers (matched case-insensitively), e.g. {@code /metrics}
   * @param contentType the body's content type
   * @param scrape the body at the time of each request; must not block (it runs on the event loop)
   */
  public MetricsHandler(String path, String contentType, Supplier<String> scrape) {
    this.path = Objects.requireNonNull(path, "path");
    this.contentType = Objects.requireNonNull(contentType, "contentType");
    this.scrape = Objects.requireNonNull(scrape, "scrape");
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)
        || !HttpMethod.GET.equals(request.method())
        || !new QueryStringDecoder(request.uri()).rawPath().equalsIgnoreCase(path)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      byte[] body = scrape.get().getBytes(StandardCharsets.UTF_8);
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              request.protocolVersion(), HttpResponseStatus.OK, Unpooled.wrappedBuffer(body));
      response.headers()
          .set(HttpHeaderNames.CONTENT_TYPE, contentType)
          .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
          .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      HttpUtil.setKeepAlive(response, keepAlive);
      var written = ctx.writeAndFlush(response);
      if (!keepAlive) {
        written.addListener(ChannelFutureListener.CLOSE);
      }
    } finally {
      ReferenceCountUtil.release(request);
    }
  }
}
