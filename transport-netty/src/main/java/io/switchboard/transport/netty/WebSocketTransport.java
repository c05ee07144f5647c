package io.switchboard.transport.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.switchboard.connection.AttachResult;
import io.switchboard.connection.ConnectionEndpoint;
import io.switchboard.connection.HttpRequestInfo;
import io.switchboard.connection.TransportConnection;
import io.switchboard.connection.TransportResponse;
import io.switchboard.connection.TransportType;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket transport (protocol §1.6): attaches an upgrade request to its connection (or a
 * new one when it has no {@code id}; or, for stateful reconnect, re-attaches it), performs the
 * handshake, and puts a {@link WebSocketSession} into the channel's pipeline. No subprotocol is negotiated, as with the reference server.
 */
final class WebSocketTransport {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketTransport.class);
  private static final String SESSION_HANDLER = "switchboard-websocket";

  private final NettyTransportOptions options;
  private final EventLoopDrains.PerLoop drains;
  private final ConnectionLimits limits;
  private final WebSocketDecoderConfig decoderConfig;

  WebSocketTransport(
      NettyTransportOptions options, ConnectionLimits limits, EventLoopDrains.PerLoop drains) {
    this.options = options;
    this.drains = drains;
    this.limits = limits;
    this.decoderConfig =
        WebSocketDecoderConfig.newBuilder()
            .maxFramePayloadLength(options.maxWebSocketFrameSize())
            .allowExtensions(false)
            .build();
  }

  /**
   * Serves a {@code GET P} upgrade request; {@code ctx} is the Switchboard handler's context. Over
   * {@code maxConcurrentUpgradedConnections} it is answered 500, as Kestrel's refused upgrade is.
   */
  void upgrade(
      ChannelHandlerContext ctx,
      FullHttpRequest request,
      ConnectionEndpoint endpoint,
      HttpRequestInfo info) {
    String url = "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + request.uri();
    WebSocketServerHandshaker handshaker =
        new WebSocketServerHandshakerFactory(url, null, decoderConfig).newHandshaker(request);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
      return;
    }
    WebSocketSession session =
        new WebSocketSession(ctx.channel(), drains, options, endpoint.options().closeTimeout());
    AttachResult attached = endpoint.attach(TransportType.WEB_SOCKETS, info, session);
    if (!attached.isAccepted()) {
      HttpExchange.of(ctx, request).respond(attached.rejection());
      return;
    }
    TransportConnection connection = attached.connection();
    if (!limits.tryUpgrade(ctx.channel())) {
      LOG.warn(
          "Connection {}: WebSocket refused, {} upgraded connections open",
          connection,
          options.maxConcurrentUpgradedConnections());
      connection.transportLost(session, new IOException("Too many upgraded connections"));
      HttpExchange.of(ctx, request).respond(TransportResponse.empty(500));
      return;
    }
    session.bind(connection);
    ctx.pipeline().addAfter(ctx.name(), SESSION_HANDLER, session);
    // Nothing more is read until the connection has its listener and the held frames are in.
    ctx.channel().config().setAutoRead(false);
    UpgradeLeftovers leftovers = UpgradeLeftovers.hold(ctx.pipeline());
    try {
      handshaker
          .handshake(ctx.channel(), request)
          .addListener(
              done -> {
                if (done.isSuccess()) {
                  ctx.channel().config().setWriteBufferWaterMark(options.writeBufferWaterMark());
                  connection.transportStarted(session);
                  // Before the replay, which may pause reading again; new bytes are read only
                  // after this task, behind the replayed ones.
                  ctx.channel().config().setAutoRead(true);
                  if (leftovers != null) {
                    leftovers.replay();
                  }
                } else {
                  LOG.debug("Connection {}: WebSocket handshake failed", connection, done.cause());
                  ctx.close();
                }
              });
    } catch (WebSocketHandshakeException e) {
      ctx.pipeline().remove(session);
      connection.transportLost(session, e);
      // HTTP decoding has stopped for the upgrade: the answer ends the connection.
      new HttpExchange(ctx.channel(), request.protocolVersion(), false)
          .respond(TransportResponse.text(400, e.getMessage()));
    }
  }
}
