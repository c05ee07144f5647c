package io.switchboard.transport.netty;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import io.switchboard.connection.TransportResponse;

/** The end of the pipeline: answers 404 to every request that no handler before it served. */
@Sharable
final class NotFoundHandler extends ChannelInboundHandlerAdapter {
  static final NotFoundHandler INSTANCE = new NotFoundHandler();

  private NotFoundHandler() {}

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpRequest request) {
        HttpResponses.send(ctx, request, TransportResponse.empty(404));
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }
}
