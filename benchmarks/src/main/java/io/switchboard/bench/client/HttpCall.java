package io.switchboard.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * One POST on its own connection, with {@code Connection: close} so that the server ends the
 * connection (and keeps its TIME_WAIT): the negotiate (protocol §1.3) and the handshake of the
 * fallback transports (§1.7). Completes with the response's status and body.
 */
final class HttpCall extends SimpleChannelInboundHandler<FullHttpResponse> {
  private final String uri;
  private final ByteBuf body;
  private final CompletableFuture<Reply> reply;

  /** What the server answered. */
  record Reply(int status, String body) {}

  HttpCall(String uri, ByteBuf body, CompletableFuture<Reply> reply) {
    this.uri = uri;
    this.body = body;
    this.reply = reply;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri, body);
    request.headers()
        .set(HttpHeaderNames.HOST, Target.HOST)
        .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(request);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
    reply.complete(new Reply(response.status().code(), response.content().toString(StandardCharsets.UTF_8)));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    reply.completeExceptionally(new IllegalStateException("POST " + uri + ": connection closed early"));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    reply.completeExceptionally(cause);
    ctx.close();
  }
}
