package io.switchboard.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.CompletableFuture;

/**
 * What the receive-only fallback transports share: one channel whose responses carry the server's
 * messages, readiness (the handshake response for a hub, the transport's start for a raw server),
 * and the message stream. Only {@link #close} may be called off the event loop.
 */
abstract class HttpReceiver extends ChannelInboundHandlerAdapter implements LoadConnection {
  protected final Target target;
  protected final String uri;
  private final CompletableFuture<LoadConnection> ready;
  private final JsonMessageStream messages;
  protected Channel channel;

  /** @param uri the transport request's path and query ({@code /bench?id=<token>}) */
  HttpReceiver(Target target, String uri, MessageListener listener, CompletableFuture<LoadConnection> ready) {
    this.target = target;
    this.uri = uri;
    this.ready = ready;
    this.messages = new JsonMessageStream(!target.raw(), listener);
  }

  @Override
  public Channel channel() {
    return channel;
  }

  /** Closes the channel: that is how these clients leave (the server drops the connection). */
  @Override
  public ChannelFuture close() {
    return channel.close();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    start();
  }

  /** Sends the first transport request; the channel is active. */
  protected abstract void start();

  /** A GET of {@link #uri}, to which the caller may add headers. */
  protected FullHttpRequest get() {
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    request.headers().set(HttpHeaderNames.HOST, Target.HOST);
    return request;
  }

  /** Hands a piece of the message stream on; the connection is ready once it holds the handshake response. */
  protected void received(ByteBuf piece) {
    if (messages.feed(piece)) {
      ready();
    }
  }

  /** The connection is ready for messages. */
  protected void ready() {
    ready.complete(this);
  }

  /** Setting up the connection failed: it will not become ready. */
  protected void fail(Throwable cause) {
    ready.completeExceptionally(cause);
    channel.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    messages.release();
    ready.completeExceptionally(new IllegalStateException("Closed before ready"));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    fail(cause);
  }
}
