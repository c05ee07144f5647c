package io.switchboard.bench.client;

import io.netty.buffer.Unpooled;
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
 * {@code POST <path>/negotiate?negotiateVersion=1} on its own connection (protocol §1.3), with
 * {@code Connection: close} so that the server ends the connection; completes with the
 * connection token.
 */
final class NegotiateHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
  private static final String TOKEN_KEY = "\"connectionToken\":\"";

  private final String path;
  private final CompletableFuture<String> token;

  NegotiateHandler(String path, CompletableFuture<String> token) {
    this.path = path;
    this.token = token;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    FullHttpRequest request =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, HttpMethod.POST, path + "/negotiate?negotiateVersion=1", Unpooled.EMPTY_BUFFER);
    request.headers()
        .set(HttpHeaderNames.HOST, Target.HOST)
        .set(HttpHeaderNames.CONTENT_LENGTH, 0)
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(request);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
    String body = response.content().toString(StandardCharsets.UTF_8);
    int start = body.indexOf(TOKEN_KEY);
    if (response.status().code() != 200 || start < 0) {
      token.completeExceptionally(
          new IllegalStateException("Negotiate failed: " + response.status() + " " + body));
    } else {
      start += TOKEN_KEY.length();
      token.complete(body.substring(start, body.indexOf('"', start)));
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    token.completeExceptionally(new IllegalStateException("Negotiate connection closed early"));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    token.completeExceptionally(cause);
    ctx.close();
  }
}
