package io.switchboard.bench.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.switchboard.transport.netty.NettyTransportOptions;
import java.util.function.Supplier;

/**
 * Upgrades every request to a WebSocket with Switchboard's default decoder settings and
 * watermarks, then hands the channel to the frame handler. No routing, no negotiate, no
 * handshake message: the ceiling of S5.
 */
final class RawUpgradeHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  static final int MAX_REQUEST_SIZE = NettyTransportOptions.defaults().maxRequestSize();
  private static final NettyTransportOptions OPTIONS = NettyTransportOptions.defaults();
  private static final WebSocketDecoderConfig DECODER =
      WebSocketDecoderConfig.newBuilder()
          .maxFramePayloadLength(OPTIONS.maxWebSocketFrameSize())
          .allowExtensions(false)
          .build();
  private static final WriteBufferWaterMark WATER_MARK =
      new WriteBufferWaterMark(OPTIONS.writeBufferLowWaterMark(), OPTIONS.writeBufferHighWaterMark());

  private final Supplier<ChannelHandler> frameHandler;

  /** @param frameHandler the handler of the upgraded channel's frames (one per channel, or a shared one) */
  RawUpgradeHandler(Supplier<ChannelHandler> frameHandler) {
    this.frameHandler = frameHandler;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    String url = "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + request.uri();
    WebSocketServerHandshaker handshaker =
        new WebSocketServerHandshakerFactory(url, null, DECODER).newHandshaker(request);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
      return;
    }
    ctx.pipeline().replace(this, "raw-frames", frameHandler.get());
    handshaker
        .handshake(ctx.channel(), request)
        .addListener(
            done -> {
              if (done.isSuccess()) {
                ctx.channel().config().setWriteBufferWaterMark(WATER_MARK);
              } else {
                ctx.channel().close();
              }
            });
  }
}
