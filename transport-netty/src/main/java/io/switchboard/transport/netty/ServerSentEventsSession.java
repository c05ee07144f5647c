package io.switchboard.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Server-Sent Events response carrying one connection's output: each {@code write} is one
 * event (see {@link ServerSentEvents}), one chunk of the chunked response. {@link #close()} ends
 * the response after the queued events and closes the channel; the client leaving ends the
 * connection cleanly (it is how SSE clients stop).
 */
final class ServerSentEventsSession extends StreamingSession {
  private static final Logger LOG = LoggerFactory.getLogger(ServerSentEventsSession.class);

  ServerSentEventsSession(Channel channel, NettyTransportOptions options) {
    super(channel, options);
  }

  @Override
  public void write(byte[] data) {
    outbound.write(new DefaultHttpContent(ServerSentEvents.event(channel.alloc(), data)));
  }

  @Override
  public void close() {
    outbound.finish(
        () -> ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    LOG.debug("Connection {}: SSE stream failed", connection.connectionId(), cause);
    context.close();
  }

  @Override
  protected void channelClosed() {
    connection.transportEnded(this, failure);
  }
}
