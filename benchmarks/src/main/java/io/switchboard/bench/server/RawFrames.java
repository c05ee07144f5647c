package io.switchboard.bench.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;

/** What the raw handlers share about control frames. */
final class RawFrames {
  private RawFrames() {}

  /** Closes the channel when the client sent a Close frame (the frame is already released). */
  static void closeOnCloseFrame(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof CloseWebSocketFrame) {
      ctx.close();
    }
  }
}
