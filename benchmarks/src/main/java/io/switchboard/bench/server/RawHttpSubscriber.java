package io.switchboard.bench.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * What the raw fallback transports share: a per-channel handler of the requests of one client,
 * subscribed to the {@link RawFanout} from its first request until the channel closes.
 */
abstract class RawHttpSubscriber extends SimpleChannelInboundHandler<FullHttpRequest>
    implements RawFanout.Subscriber {
  private final RawFanout fanout;
  protected ChannelHandlerContext ctx;
  private boolean subscribed;

  RawHttpSubscriber(RawFanout fanout) {
    this.fanout = fanout;
  }

  @Override
  public Channel channel() {
    return ctx.channel();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    ctx = context;
  }

  /** Subscribes the channel: published messages reach {@link #write} from now on. */
  protected void subscribe() {
    fanout.add(this);
    subscribed = true;
  }

  /** The channel closed: drop what is held. */
  protected void released() {}

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    if (subscribed) {
      fanout.remove(this);
    }
    released();
    context.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    context.close();
  }
}
