package io.switchboard.transport.netty;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import io.switchboard.connection.TransportResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of the pipeline: answers 404 to every request that no handler before it served, and
 * closes channels whose handling failed.
 */
@Sharable
final class NotFoundHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(NotFoundHandler.class);
  static final NotFoundHandler INSTANCE = new NotFoundHandler();

  private NotFoundHandler() {}

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpRequest request) {
        HttpExchange.of(ctx, request).respond(TransportResponse.empty(404));
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("HTTP channel {} failed", ctx.channel(), cause);
    ctx.close();
  }
}
