package io.switchboard.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import io.switchboard.protocol.TransferFormat;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket carrying one connection: the pipeline handler for its frames and the {@link
 * io.switchboard.connection.TransportSession} its connection writes to.
 *
 * <p>In: the payload of every Text, Binary and Continuation frame goes to the connection in order
 * (SignalR message boundaries are independent of frames). Out: each {@code write} is one
 * WebSocket message, Text or Binary by the connection's transfer format, wrapping the caller's
 * array; inside a write batch (a broadcast), the batch's shared frame ({@link SharedFrames}).
 *
 * <p>Ends: {@link #close()} sends Close 1000 after the queued messages and waits up to the
 * endpoint's close timeout for the client's Close; a failed send sends Close 1011 (protocol
 * §1.6). Those, a Close from the client and {@link #abort()} end the connection. A socket that
 * goes away without a Close frame (a network drop, an I/O error, {@link #drop()}) is reported as
 * lost, which a stateful-reconnect connection survives.
 */
final class WebSocketSession extends StreamingSession {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketSession.class);
  private static final int NORMAL_CLOSURE = 1000;
  private static final int INTERNAL_ERROR = 1011;

  private final Duration closeTimeout;
  private volatile boolean aborted;
  private volatile boolean dropped;
  // Event loop only.
  private IOException networkError;
  private boolean closeSent;
  private boolean closeReceived;
  private ScheduledFuture<?> closeTimer;

  WebSocketSession(
      Channel channel, EventLoopDrains.PerLoop drains, NettyTransportOptions options, Duration closeTimeout) {
    super(channel, drains, options);
    this.closeTimeout = closeTimeout;
  }

  @Override
  public void write(byte[] data) {
    boolean text = connection.transferFormat() != TransferFormat.BINARY;
    // In a broadcast every recipient writes the batch's one frame; alone, the encoder frames it.
    ByteBuf shared = SharedFrames.retainedFrame(data, text, channel);
    if (shared != null) {
      outbound.write(shared);
    } else {
      outbound.write(
          text
              ? new TextWebSocketFrame(Unpooled.wrappedBuffer(data))
              : new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data)));
    }
  }

  @Override
  public void close() {
    outbound.finish(() -> sendClose(NORMAL_CLOSURE));
  }

  @Override
  public void abort() {
    aborted = true;
    super.abort();
  }

  /** Closes the TCP connection without a Close frame, as a network failure would. */
  @Override
  public void drop() {
    dropped = true;
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

  /** The server's send loop failed: the client learns it from Close 1011. */
  @Override
  protected void sendFailed(Throwable cause) {
    if (closeSent) {
      return;
    }
    SEND_FAILURES.warn("Connection {}: sending failed; closing with {}", connection.connectionId(), INTERNAL_ERROR, cause);
    failure = asIoException(cause);
    outbound.discard();
    sendClose(INTERNAL_ERROR);
  }

  /** Sends our Close and waits for the client's; on the event loop, after the queued messages. */
  private void sendClose(int status) {
    if (closeSent) {
      return;
    }
    closeSent = true;
    ctx.writeAndFlush(new CloseWebSocketFrame(status, ""))
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

  @Override
  protected void streamFailed(ChannelHandlerContext context, Throwable cause) {
    LOG.debug("Connection {}: WebSocket failed", connection.connectionId(), cause);
    if (cause instanceof IOException io) {
      networkError = io; // the socket broke: a drop, not a failure of the connection
    } else if (failure == null) {
      failure = asIoException(cause);
    }
    context.close();
  }

  @Override
  protected void channelClosed() {
    if (closeTimer != null) {
      closeTimer.cancel(false);
    }
    if (failure != null) {
      connection.transportEnded(this, failure);
    } else if (closeSent || closeReceived || aborted) {
      connection.transportEnded(this, null);
    } else {
      connection.transportLost(this, dropCause());
    }
  }

  private IOException dropCause() {
    if (networkError != null) {
      return networkError;
    }
    return new IOException(
        dropped
            ? "The application dropped the WebSocket"
            : "The WebSocket closed without a close frame");
  }
}
