package io.switchboard.transport.apigateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One client socket of the {@link ApiGatewayEmulator}: reassembles the client's messages (at most
 * 128 KB, in frames of at most 32 KB, text only), forwards each to {@code $default} after the
 * previous one was answered, and calls {@code $disconnect} once the socket is closed.
 */
final class EmulatedSocket extends ChannelDuplexHandler {
  private static final int GOING_AWAY = 1001;
  private static final int UNSUPPORTED_DATA = 1003;
  private static final int MESSAGE_TOO_BIG = 1009;

  private final ApiGatewayEmulator emulator;
  private final String id;
  private final Channel channel;
  private final Instant connectedAt = Instant.now();
  // Event loop only.
  private CompositeByteBuf message;
  private CompletableFuture<?> integrationCalls = CompletableFuture.completedFuture(null);
  private boolean closing;

  EmulatedSocket(ApiGatewayEmulator emulator, String id, Channel channel) {
    this.emulator = emulator;
    this.id = id;
    this.channel = channel;
  }

  String id() {
    return id;
  }

  /** A {@code @connections} POST: one text message to the client. */
  void send(String text) {
    channel.writeAndFlush(new TextWebSocketFrame(text));
  }

  /** A {@code @connections} DELETE. */
  void closeByServer() {
    channel.eventLoop().execute(() -> close(1000, ""));
  }

  String describe() {
    return "{\"connectedAt\":\"" + connectedAt + "\",\"identity\":{\"sourceIp\":\"127.0.0.1\"}}";
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof WebSocketFrame frame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      if (frame instanceof BinaryWebSocketFrame) {
        close(UNSUPPORTED_DATA, "Binary frames are not supported");
      } else if (frame instanceof TextWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
        fragment(ctx, frame);
      } else if (frame instanceof PingWebSocketFrame) {
        ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
      } else if (frame instanceof CloseWebSocketFrame close) {
        int status = close.statusCode() < 0 ? 1000 : close.statusCode();
        ctx.writeAndFlush(new CloseWebSocketFrame(status, "")).addListener(ChannelFutureListener.CLOSE);
      }
    } finally {
      frame.release();
    }
  }

  private void fragment(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (closing) {
      return;
    }
    if (message == null) {
      message = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
    }
    message.addComponent(true, frame.content().retain());
    if (message.readableBytes() > ApiGatewayEmulator.MESSAGE_LIMIT) {
      close(MESSAGE_TOO_BIG, "Message too big");
      return;
    }
    if (frame.isFinalFragment()) {
      byte[] body = new byte[message.readableBytes()];
      message.readBytes(body);
      releaseMessage();
      // One message at a time, whatever became of the one before.
      integrationCalls =
          integrationCalls
              .exceptionally(failed -> null)
              .thenCompose(done -> emulator.callIntegration("default", id, body));
    }
  }

  private void close(int status, String reason) {
    if (closing) {
      return;
    }
    closing = true;
    releaseMessage();
    channel.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent) {
      close(GOING_AWAY, "Going away");
    } else {
      ctx.fireUserEventTriggered(event);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!(cause instanceof CorruptedWebSocketFrameException)) {
      ctx.close(); // an oversize frame: the decoder has sent 1009 and closes the socket itself
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releaseMessage();
    emulator.forget(this);
    integrationCalls.handle((done, error) -> emulator.callIntegration("disconnect", id, new byte[0]));
    ctx.fireChannelInactive();
  }

  private void releaseMessage() {
    if (message != null) {
      ByteBuf released = message;
      message = null;
      released.release();
    }
  }
}
