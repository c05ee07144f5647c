package io.switchboard.bench.server;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/** Registers each upgraded channel with the {@link RawFanout} and publishes every data frame. */
@Sharable
final class RawFanoutHandler extends ChannelInboundHandlerAdapter {
  private final RawFanout fanout;

  RawFanoutHandler(RawFanout fanout) {
    this.fanout = fanout;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    fanout.add(ctx.channel());
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    fanout.remove(ctx.channel());
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
        fanout.publish(((WebSocketFrame) msg).content(), msg instanceof TextWebSocketFrame);
      } else {
        RawFrames.closeOnCloseFrame(ctx, msg);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
