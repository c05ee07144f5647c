package io.switchboard.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.AttributeKey;
import io.switchboard.connection.AttachResult;
import io.switchboard.connection.ConnectionEndpoint;
import io.switchboard.connection.HttpRequestInfo;
import io.switchboard.connection.LongPoll;
import io.switchboard.connection.TransportConnection;
import io.switchboard.connection.TransportResponse;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The long-polling transport (protocol §1.9): hands each poll to the connection layer, which
 * answers it (at once for the first poll, else with data, empty on timeout, or 204), and writes
 * the answers with the no-cache headers polls need. A channel remembers its waiting poll, so that
 * a client that leaves early turns its connection inactive.
 */
final class LongPollingTransport {
  private static final AttributeKey<WaitingPoll> WAITING =
      AttributeKey.valueOf(LongPollingTransport.class, "waiting");
  private static final HttpHeaders NO_CACHE =
      new DefaultHttpHeaders()
          .set(HttpHeaderNames.CACHE_CONTROL, "no-cache, no-store")
          .set(HttpHeaderNames.PRAGMA, "no-cache")
          .set(HttpHeaderNames.EXPIRES, "Thu, 01 Jan 1970 00:00:00 GMT");

  private final NettyTransportOptions options;

  LongPollingTransport(NettyTransportOptions options) {
    this.options = options;
  }

  /** Serves a poll ({@code GET P} that is neither SSE nor a WebSocket upgrade). */
  void poll(
      ChannelHandlerContext ctx, HttpRequest request, ConnectionEndpoint endpoint, HttpRequestInfo info) {
    WaitingPoll poll = new WaitingPoll(HttpExchange.of(ctx, request));
    // Before the poll is handed over: the first poll is answered during the call.
    ctx.channel().attr(WAITING).set(poll);
    AttachResult attached = endpoint.poll(info, poll, options.maxPendingWriteBytes());
    if (attached.isAccepted()) {
      poll.connection = attached.connection();
    } else {
      ctx.channel().attr(WAITING).compareAndSet(poll, null);
      poll.exchange.respond(attached.rejection());
    }
  }

  /** The channel closed: a poll still waiting on it is abandoned. */
  void channelClosed(Channel channel) {
    WaitingPoll poll = channel.attr(WAITING).getAndSet(null);
    if (poll != null && poll.connection != null) {
      poll.connection.pollAbandoned(poll);
    }
  }

  private static final class WaitingPoll implements LongPoll {
    private final HttpExchange exchange;
    // Set on the event loop before channelClosed can read it there.
    private TransportConnection connection;

    WaitingPoll(HttpExchange exchange) {
      this.exchange = exchange;
    }

    @Override
    public ScheduledExecutorService executor() {
      return exchange.channel().eventLoop();
    }

    @Override
    public void respond(TransportResponse response) {
      exchange.channel().attr(WAITING).compareAndSet(this, null);
      exchange.respond(response, NO_CACHE);
    }
  }
}
