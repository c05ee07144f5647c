package io.switchboard.transport.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.switchboard.connection.TransportResponse;

/**
 * Where and how to answer one HTTP request, captured when it arrives so that the answer may be
 * written later (a held POST, a long poll) from any thread, after the request has been released.
 *
 * @param channel the request's channel
 * @param version the request's protocol version
 * @param keepAlive whether the channel stays open after the answer
 */
record HttpExchange(Channel channel, HttpVersion version, boolean keepAlive) {

  static HttpExchange of(ChannelHandlerContext ctx, HttpRequest request) {
    return new HttpExchange(ctx.channel(), request.protocolVersion(), HttpUtil.isKeepAlive(request));
  }

  /** Writes {@code response}; see {@link #respond(TransportResponse, HttpHeaders)}. */
  void respond(TransportResponse response) {
    respond(response, EmptyHttpHeaders.INSTANCE);
  }

  /**
   * Writes {@code response} with {@code extraHeaders}. It starts at the tail of the pipeline, so
   * every outbound handler of the application (e.g. one that adds CORS headers) sees it.
   */
  void respond(TransportResponse response, HttpHeaders extraHeaders) {
    FullHttpResponse http =
        new DefaultFullHttpResponse(
            version, HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
    http.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, response.contentType())
        .setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length)
        .add(extraHeaders);
    HttpUtil.setKeepAlive(http, keepAlive);
    ChannelFuture written = channel.writeAndFlush(http);
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }
}
