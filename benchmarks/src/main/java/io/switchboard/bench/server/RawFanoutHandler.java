package io.switchboard.bench.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * One upgraded WebSocket channel of the {@link RawFanout}: publishes every data frame it receives
 * and subscribes the channel, which gets each published payload in a frame of the kind it came in.
 */
final class RawFanoutHandler extends ChannelInboundHandlerAdapter implements RawFanout.Subscriber {
  private final RawFanout fanout;
  private Channel channel;

  RawFanoutHandler(RawFanout fanout) {
    this.fanout = fanout;
  }

  @Override
  public Channel channel() {
    return channel;
  }

  @Override
  public void write(RawFanout.Published message) {
    channel.write(
        message.text()
            ? new TextWebSocketFrame(message.content().retainedDuplicate())
            : new BinaryWebSocketFrame(message.content().retainedDuplicate()),
        channel.voidPromise());
  }

  @Override
  public void flush() {
    channel.flush();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    fanout.add(this);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    fanout.remove(this);
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
