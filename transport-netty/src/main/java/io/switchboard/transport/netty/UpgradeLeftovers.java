package io.switchboard.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;

/**
 * Keeps the bytes a client sent right behind its WebSocket upgrade request (its first frames, in
 * the same TCP segment) from being parsed as HTTP. An {@link HttpServerCodec} would decode them as
 * the next request and lose them; so its decoder is removed before the handshake, its unread
 * input is held here, and it is replayed through the pipeline, into the WebSocket decoder, once
 * the handshake is done. (Separate HTTP decoders need none of this: the handshake replaces them
 * and Netty hands their unread input on.) Event loop only.
 */
final class UpgradeLeftovers extends ChannelInboundHandlerAdapter {
  private static final String NAME = "switchboard-upgrade-leftovers";

  private ByteBuf held;
  private ChannelHandlerContext ctx;

  private UpgradeLeftovers() {}

  /**
   * Stops HTTP decoding on the channel of {@code pipeline} and holds what the codec had not
   * decoded; null if the pipeline has no {@link HttpServerCodec}.
   */
  static UpgradeLeftovers hold(ChannelPipeline pipeline) {
    ChannelHandlerContext codec = pipeline.context(HttpServerCodec.class);
    if (codec == null) {
      return null;
    }
    UpgradeLeftovers leftovers = new UpgradeLeftovers();
    pipeline.addAfter(codec.name(), NAME, leftovers);
    ((HttpServerCodec) codec.handler()).removeInboundHandler();
    return leftovers;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    ctx = context;
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object msg) {
    if (msg instanceof ByteBuf bytes) {
      held = held == null ? bytes : Unpooled.wrappedBuffer(held, bytes);
    } else {
      context.fireChannelRead(msg);
    }
  }

  /** The WebSocket decoder is in place: steps aside and feeds it the held bytes. */
  void replay() {
    ByteBuf bytes = held;
    held = null;
    ctx.pipeline().remove(this);
    if (bytes != null) {
      ctx.pipeline().fireChannelRead(bytes).fireChannelReadComplete();
    }
  }

  /** The handshake failed or the channel closed: the held bytes are dropped. */
  @Override
  public void handlerRemoved(ChannelHandlerContext context) {
    ReferenceCountUtil.release(held);
    held = null;
  }
}
