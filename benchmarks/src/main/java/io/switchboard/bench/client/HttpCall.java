package io.switchboard.bench.client;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * POSTs on one kept-alive HTTP/1.1 connection, one at a time (see {@link HttpPosts}): the
 * negotiate (protocol §1.3) and the handshake of the fallback transports (§1.7). Each completes
 * with the response's status and body. Event loop only.
 */
final class HttpCall extends SimpleChannelInboundHandler<FullHttpResponse> {
  private ChannelHandlerContext ctx;
  private String uri;
  private CompletableFuture<Reply> reply;

  /** What the server answered. */
  record Reply(int status, String body) {}

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    ctx = context;
  }

  /** Sends a POST; the connection must have no request in progress. */
  void post(String target, byte[] body, CompletableFuture<Reply> answer) {
    uri = target;
    reply = answer;
    FullHttpRequest request =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, target, Unpooled.wrappedBuffer(body));
    request.headers()
        .set(HttpHeaderNames.HOST, Target.HOST)
        .set(HttpHeaderNames.CONTENT_LENGTH, body.length);
    ctx.writeAndFlush(request);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext context, FullHttpResponse response) {
    finish().complete(new Reply(response.status().code(), response.content().toString(StandardCharsets.UTF_8)));
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    finish().completeExceptionally(new IOException("POST " + uri + ": connection closed early"));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    finish().completeExceptionally(cause);
    context.close();
  }

  /** The answer in progress (a finished one when none is), detached from the connection. */
  private CompletableFuture<Reply> finish() {
    CompletableFuture<Reply> current = reply == null ? new CompletableFuture<>() : reply;
    reply = null;
    return current;
  }
}
