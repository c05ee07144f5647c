package io.switchboard.transport.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.switchboard.connection.TransportResponse;

/** Writes complete HTTP answers, honouring keep-alive. */
final class HttpResponses {
  private HttpResponses() {}

  /**
   * Writes {@code response} to {@code request}'s channel. It starts at the tail of the pipeline, so
   * every outbound handler of the application (e.g. one that adds CORS headers) sees it.
   */
  static void send(ChannelHandlerContext ctx, HttpRequest request, TransportResponse response) {
    FullHttpResponse http =
        new DefaultFullHttpResponse(
            request.protocolVersion(),
            HttpResponseStatus.valueOf(response.status()),
            Unpooled.wrappedBuffer(response.body()));
    http.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, response.contentType())
        .setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    HttpUtil.setKeepAlive(http, keepAlive);
    ChannelFuture written = ctx.channel().writeAndFlush(http);
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }
}
