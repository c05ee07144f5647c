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
import io.switchboard.server.Health;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Answers {@code GET} and {@code HEAD} on one path with a {@link Health}: {@code 200 Healthy},
 * {@code 503 Unhealthy} or {@code 503 Draining}, {@code text/plain}, never cached. Every other
 * request goes on down the pipeline. {@link SwitchboardServer.Builder#health(String)} adds one;
 * in a pipeline of your own, add it after {@link SwitchboardHttpHandler} with the status your
 * server reports.
 */
@Sharable
public final class HealthHandler extends ChannelInboundHandlerAdapter {
  private final String path;
  private final Supplier<Health> status;

  /**
   * @param path the path it answers (matched case-insensitively), e.g. {@code /health}
   * @param status the health at the time of each request; must not block (it runs on the event loop)
   */
  public HealthHandler(String path, Supplier<Health> status) {
    this.path = Objects.requireNonNull(path, "path");
    this.status = Objects.requireNonNull(status, "status");
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request) || !isHealthRequest(request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      Health health = status.get();
      byte[] body =
          HttpMethod.HEAD.equals(request.method())
              ? new byte[0]
              : health.text().getBytes(StandardCharsets.US_ASCII);
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              request.protocolVersion(),
              HttpResponseStatus.valueOf(health.httpStatus()),
              Unpooled.wrappedBuffer(body));
      response.headers()
          .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
          .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
          .setInt(HttpHeaderNames.CONTENT_LENGTH, health.text().length());
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

  private boolean isHealthRequest(FullHttpRequest request) {
    HttpMethod method = request.method();
    return (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))
        && new QueryStringDecoder(request.uri()).rawPath().equalsIgnoreCase(path);
  }
}
