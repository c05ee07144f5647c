package io.switchboard.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps what a client sent right behind its WebSocket upgrade request (its first frames, in the
 * same TCP segment) until the connection can take it, once the handshake is done. Event loop only.
 *
 * <p>An {@link HttpServerCodec} would decode those bytes as the next HTTP request and lose them:
 * its decoder is removed before the handshake, its unread bytes are held here and replayed from
 * the head of the pipeline, through the WebSocket decoder that took its place. A separate {@link
 * HttpRequestDecoder} hands its unread bytes to the WebSocket decoder that replaces it, which
 * decodes them at once: the frames are held here and passed on.
 */
final class UpgradeLeftovers extends ChannelInboundHandlerAdapter {
  private static final String NAME = "switchboard-upgrade-leftovers";

  private List<Object> held = new ArrayList<>(2);
  private ChannelHandlerContext ctx;

  private UpgradeLeftovers() {}

  /**
   * Stops HTTP decoding on the channel of {@code pipeline} and holds what arrives behind the
   * upgrade request; null if the pipeline has no Netty HTTP request decoder.
   */
  static UpgradeLeftovers hold(ChannelPipeline pipeline) {
    ChannelHandlerContext codec = pipeline.context(HttpServerCodec.class);
    ChannelHandlerContext decoder = codec != null ? codec : pipeline.context(HttpRequestDecoder.class);
    if (decoder == null) {
      return null;
    }
    UpgradeLeftovers leftovers = new UpgradeLeftovers();
    pipeline.addAfter(decoder.name(), NAME, leftovers);
    if (codec != null) {
      ((HttpServerCodec) codec.handler()).removeInboundHandler();
    }
    return leftovers;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    ctx = context;
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object msg) {
    held.add(msg);
  }

  /**
   * The WebSocket decoder is in place and the connection started: steps aside, then replays the
   * held bytes from the head of the pipeline and passes the held frames on.
   */
  void replay() {
    List<Object> messages = held;
    held = null;
    ChannelPipeline pipeline = ctx.pipeline();
    pipeline.remove(this);
    for (Object message : messages) {
      if (message instanceof ByteBuf) {
        pipeline.fireChannelRead(message);
      } else {
        ctx.fireChannelRead(message); // a removed context still passes on to its old next
      }
    }
    if (!messages.isEmpty()) {
      pipeline.fireChannelReadComplete();
    }
  }

  /** The handshake failed or the channel closed: what is held is dropped. */
  @Override
  public void handlerRemoved(ChannelHandlerContext context) {
    if (held != null) {
      held.forEach(ReferenceCountUtil::release);
      held = null;
    }
  }
}
