package io.switchboard.transport.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import io.switchboard.connection.ManagedConnection;
import io.switchboard.connection.TransportSession;
import io.switchboard.protocol.TransferFormat;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket carrying one connection: the pipeline handler for its frames and the {@link
 * TransportSession} its connection writes to.
 *
 * <p>In: the payload of every Text, Binary and Continuation frame goes to the connection in order
 * (SignalR message boundaries are independent of frames). Out: each {@code write} is one
 * WebSocket message, Text or Binary by the connection's transfer format, wrapping the caller's
 * array. {@link #close()} sends Close 1000 after the queued messages and waits up to the
 * endpoint's close timeout for the client's Close before closing the channel; {@link #abort()}
 * closes the channel at once.
 */
final class WebSocketSession extends ChannelInboundHandlerAdapter implements TransportSession {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketSession.class);
  private static final int NORMAL_CLOSURE = 1000;

  private final Channel channel;
  private final ChannelOutbound outbound;
  private final Duration closeTimeout;
  private ManagedConnection connection;
  private volatile boolean aborted;
  private volatile IOException failure;
  // Event loop only.
  private ChannelHandlerContext ctx;
  private boolean closeSent;
  private boolean closeReceived;
  private ScheduledFuture<?> closeTimer;

  WebSocketSession(Channel channel, NettyTransportOptions options, Duration closeTimeout) {
    this.channel = channel;
    this.closeTimeout = closeTimeout;
    this.outbound = new ChannelOutbound(channel, options, this::overflowed);
  }

  /** Sets the connection this socket carries; before the handler joins the pipeline. */
  void bind(ManagedConnection attached) {
    connection = attached;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    ctx = context;
    outbound.bind(context);
  }

  @Override
  public void write(byte[] data) {
    WebSocketFrame frame =
        connection.transferFormat() == TransferFormat.BINARY
            ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data))
            : new TextWebSocketFrame(Unpooled.wrappedBuffer(data));
    outbound.write(frame);
  }

  @Override
  public void close() {
    outbound.finish(this::sendClose);
  }

  @Override
  public void abort() {
    aborted = true;
    channel.close();
  }

  @Override
  public void pauseReading() {
    channel.config().setAutoRead(false);
  }

  @Override
  public void resumeReading() {
    channel.config().setAutoRead(true);
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object msg) {
    if (!(msg instanceof WebSocketFrame frame)) {
      context.fireChannelRead(msg);
      return;
    }
    try {
      if (frame instanceof TextWebSocketFrame
          || frame instanceof BinaryWebSocketFrame
          || frame instanceof ContinuationWebSocketFrame) {
        if (!closeReceived) {
          connection.receive(frame.content().nioBuffer());
        }
      } else if (frame instanceof PingWebSocketFrame) {
        context.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
      } else if (frame instanceof CloseWebSocketFrame close) {
        closeReceived(close);
      }
    } finally {
      frame.release();
    }
  }

  /** The client is done: answer its Close (unless ours went first) and end the channel. */
  private void closeReceived(CloseWebSocketFrame close) {
    closeReceived = true;
    outbound.discard();
    if (closeSent) {
      ctx.close();
      return;
    }
    closeSent = true;
    // Like the reference server, answer a Close without a status with Normal Closure (1000).
    int status = close.statusCode();
    CloseWebSocketFrame reply = new CloseWebSocketFrame(status < 0 ? NORMAL_CLOSURE : status, "");
    ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
  }

  /** Runs on the event loop after every message queued before {@link #close()}. */
  private void sendClose() {
    if (closeSent) {
      return;
    }
    closeSent = true;
    ctx.writeAndFlush(new CloseWebSocketFrame(NORMAL_CLOSURE, ""))
        .addListener(
            written -> {
              if (!written.isSuccess() || closeReceived) {
                ctx.close();
              } else {
                closeTimer =
                    ctx.executor()
                        .schedule(this::closeTimedOut, closeTimeout.toNanos(), TimeUnit.NANOSECONDS);
              }
            });
  }

  /** The client did not answer our Close in time. */
  private void closeTimedOut() {
    ctx.close();
  }

  private void overflowed(IOException cause) {
    LOG.warn("Connection {}: aborted, {}", connection.connectionId(), cause.getMessage());
    failure = cause;
    channel.close();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext context) {
    outbound.writabilityChanged();
    context.fireChannelWritabilityChanged();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    LOG.debug("Connection {}: WebSocket failed", connection.connectionId(), cause);
    if (failure == null) {
      failure = cause instanceof IOException io ? io : new IOException(cause);
    }
    context.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    outbound.discard();
    if (closeTimer != null) {
      closeTimer.cancel(false);
    }
    connection.transportEnded(this, endError());
    context.fireChannelInactive();
  }

  /** Null for a clean end: a close handshake, or the application's own abort. */
  private IOException endError() {
    if (failure != null) {
      return failure;
    }
    if (closeSent || closeReceived || aborted) {
      return null;
    }
    return new IOException("The WebSocket closed without a close frame");
  }
}
