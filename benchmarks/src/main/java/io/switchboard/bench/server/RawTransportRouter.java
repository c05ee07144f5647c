package io.switchboard.bench.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;

/**
 * The fallback fan-out's entry: the first request of a channel picks its transport, as
 * Switchboard's handler does for a connection request: a WebSocket upgrade (the sender, which
 * also receives), an {@code Accept: text/event-stream} GET (Server-Sent Events), or else long
 * polling. The chosen per-channel handler takes this one's place and gets the request.
 */
@Sharable
final class RawTransportRouter extends ChannelInboundHandlerAdapter {
  private final RawFanout fanout;

  RawTransportRouter(RawFanout fanout) {
    this.fanout = fanout;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ChannelHandler handler;
    if (!(msg instanceof HttpRequest request)) {
      handler = null;
    } else if (request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
      handler = new RawUpgradeHandler(() -> new RawFanoutHandler(fanout));
    } else if (request.headers().get(HttpHeaderNames.ACCEPT, "").contains("text/event-stream")) {
      handler = new RawEventStreamHandler(fanout);
    } else {
      handler = new RawPollHandler(fanout);
    }
    if (handler != null) {
      // Added after this one before it leaves, so that the request reaches the new handler.
      ctx.pipeline().addAfter(ctx.name(), null, handler);
    }
    ctx.fireChannelRead(msg);
    if (handler != null) {
      ctx.pipeline().remove(this);
    }
  }
}
