package io.switchboard.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.switchboard.connection.TransportConnection;
import io.switchboard.connection.TransportSession;
import io.switchboard.connection.internal.LimitedWarnings;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the transports that stream to the client over one channel (WebSocket, Server-Sent Events)
 * share: the pipeline handler that owns the channel's {@link ChannelOutbound}, cuts off slow
 * clients, and reports the channel's end to its connection.
 */
abstract class StreamingSession extends ChannelInboundHandlerAdapter implements TransportSession {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingSession.class);
  // Every connection fails at once when the network goes: a few lines and a count, not thousands.
  protected static final LimitedWarnings SEND_FAILURES = new LimitedWarnings(LOG, "sending failed");
  private static final LimitedWarnings ABORTS = new LimitedWarnings(LOG, "slow clients aborted");

  protected final Channel channel;
  protected final ChannelOutbound outbound;
  protected TransportConnection connection;
  /** Why the transport failed for good, or null. */
  protected volatile IOException failure;
  // Event loop only.
  protected ChannelHandlerContext ctx;
  private boolean pressured;

  StreamingSession(Channel channel, EventLoopDrains.PerLoop drains, NettyTransportOptions options) {
    this.channel = channel;
    this.outbound = new ChannelOutbound(channel, drains.of(channel.eventLoop()), options, this::overflowed, this::sendFailed);
  }

  /** Sets the connection this channel carries; before the handler joins the pipeline. */
  void bind(TransportConnection attached) {
    connection = attached;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    ctx = context;
    outbound.bind(context);
  }

  @Override
  public void abort() {
    channel.close();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext context) {
    outbound.writabilityChanged();
    reportPressure(!channel.isWritable());
    context.fireChannelWritabilityChanged();
  }

  /** Tells the connection of a change of outbound pressure; event loop only. */
  private void reportPressure(boolean unwritable) {
    if (unwritable != pressured) {
      pressured = unwritable;
      connection.outboundPressureChanged(unwritable, outbound::pendingBytes);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    reportPressure(false); // the channel's pressure ends with it (a reconnecting connection lives on)
    outbound.discard();
    channelClosed();
    context.fireChannelInactive();
  }

  @Override
  public final void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    if (!outbound.failedWhileWriting(cause)) {
      streamFailed(context, cause);
    }
  }

  /** The channel failed other than by a write of the outbound drain (see {@link ChannelOutbound}). */
  protected abstract void streamFailed(ChannelHandlerContext context, Throwable cause);

  /** The channel is gone: tell the connection how the transport ended. */
  protected abstract void channelClosed();

  /** A write failed while the channel is open (see {@link ChannelOutbound}); on the event loop. */
  protected void sendFailed(Throwable cause) {
    SEND_FAILURES.warn("Connection {}: sending failed; closing", connection.connectionId(), cause);
    failure = asIoException(cause);
    channel.close();
  }

  private void overflowed(IOException cause) {
    ABORTS.warn("Connection {}: aborted, {}", connection.connectionId(), cause.getMessage());
    if (cause instanceof SlowClientException slow) {
      connection.slowClientDropped(slow.reason());
    }
    failure = cause;
    channel.close();
  }

  static IOException asIoException(Throwable cause) {
    return cause instanceof IOException io ? io : new IOException(cause);
  }
}
