package io.switchboard.transport.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.switchboard.connection.AttachResult;
import io.switchboard.connection.ConnectionEndpoint;
import io.switchboard.connection.HttpRequestInfo;
import io.switchboard.connection.TransportConnection;
import io.switchboard.connection.TransportType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Server-Sent Events transport (protocol §1.8): attaches a {@code GET P} with {@code Accept:
 * text/event-stream} to its connection, starts a chunked {@code text/event-stream} response whose
 * {@code :\r\n} preamble is flushed at once, and puts a {@link ServerSentEventsSession} into the
 * channel's pipeline. Client data arrives by POST.
 */
final class ServerSentEventsTransport {
  private static final Logger LOG = LoggerFactory.getLogger(ServerSentEventsTransport.class);
  private static final String SESSION_HANDLER = "switchboard-sse";

  private final NettyTransportOptions options;
  private final EventLoopDrains.PerLoop drains;

  ServerSentEventsTransport(NettyTransportOptions options, EventLoopDrains.PerLoop drains) {
    this.options = options;
    this.drains = drains;
  }

  /** Serves an SSE request; {@code ctx} is the Switchboard handler's context. */
  void stream(
      ChannelHandlerContext ctx, HttpRequest request, ConnectionEndpoint endpoint, HttpRequestInfo info) {
    Channel channel = ctx.channel();
    ServerSentEventsSession session = new ServerSentEventsSession(channel, drains, options, HttpUtil.isKeepAlive(request));
    AttachResult attached = endpoint.attach(TransportType.SERVER_SENT_EVENTS, info, session);
    if (!attached.isAccepted()) {
      HttpExchange.of(ctx, request).respond(attached.rejection());
      return;
    }
    TransportConnection connection = attached.connection();
    session.bind(connection);
    ctx.pipeline().addAfter(ctx.name(), SESSION_HANDLER, session);
    channel.write(head(request));
    channel
        .writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(ServerSentEvents.PREAMBLE)))
        .addListener(
            done -> {
              if (done.isSuccess()) {
                channel.config().setWriteBufferWaterMark(options.writeBufferWaterMark());
                connection.transportStarted(session);
              } else {
                LOG.debug("Connection {}: the SSE response failed to start", connection, done.cause());
                channel.close();
              }
            });
  }

  private static HttpResponse head(HttpRequest request) {
    HttpResponse head = new DefaultHttpResponse(request.protocolVersion(), HttpResponseStatus.OK);
    head.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
        .set(HttpHeaderNames.CACHE_CONTROL, "no-cache,no-store")
        .set(HttpHeaderNames.PRAGMA, "no-cache")
        // Keeps compressing handlers from buffering the stream.
        .set(HttpHeaderNames.CONTENT_ENCODING, "identity");
    HttpUtil.setTransferEncodingChunked(head, true);
    HttpUtil.setKeepAlive(head, HttpUtil.isKeepAlive(request));
    return head;
  }
}
