package io.switchboard.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Server-Sent Events response carrying one connection's output: each {@code write} is one
 * event (see {@link ServerSentEvents}), one chunk of the chunked response. {@link #close()} ends
 * the response after the queued events with the last chunk and, as Kestrel does, keeps a
 * keep-alive channel for the client's next request (this handler leaves its pipeline); the
 * client leaving ends the connection cleanly (it is how SSE clients stop).
 */
final class ServerSentEventsSession extends StreamingSession {
  private static final Logger LOG = LoggerFactory.getLogger(ServerSentEventsSession.class);

  private final boolean keepAlive;

  ServerSentEventsSession(
      Channel channel, EventLoopDrains.PerLoop drains, NettyTransportOptions options, boolean keepAlive) {
    super(channel, drains, options);
    this.keepAlive = keepAlive;
  }

  @Override
  public void write(byte[] data) {
    outbound.write(new DefaultHttpContent(ServerSentEvents.event(channel.alloc(), data)));
  }

  @Override
  public void close() {
    outbound.finish(
        () -> ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(this::responseEnded));
  }

  /** The last chunk is out: the channel serves the next request, or closes if it may not. */
  private void responseEnded(Future<? super Void> written) {
    if (!written.isSuccess() || !keepAlive || !channel.isActive()) {
      channel.close();
      return;
    }
    ctx.pipeline().remove(this);
    connection.transportEnded(this, failure);
  }

  @Override
  protected void streamFailed(ChannelHandlerContext context, Throwable cause) {
    LOG.debug("Connection {}: SSE stream failed", connection.connectionId(), cause);
    context.close();
  }

  @Override
  protected void channelClosed() {
    connection.transportEnded(this, failure);
  }
}
