package io.switchboard.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * One load-generator WebSocket: performs the upgrade (masked client frames, as the protocol
 * requires), then the hub handshake unless the target is raw, and then hands every data frame to
 * its {@link FrameListener}. All methods but {@link #send} and {@link #close} belong to the event
 * loop.
 */
public final class BenchConnection extends ChannelInboundHandlerAdapter implements LoadConnection {
  private static final int MAX_FRAME = 1 << 20;

  private final Target target;
  private final FrameListener listener;
  private final WebSocketClientHandshaker handshaker;
  private final CompletableFuture<BenchConnection> ready;
  private Channel channel;
  private boolean awaitingHandshakeResponse;
  private boolean needsFlush;
  private Object attachment;

  BenchConnection(Target target, String uri, FrameListener listener, CompletableFuture<BenchConnection> ready) {
    this.target = target;
    this.listener = listener;
    this.ready = ready;
    this.handshaker =
        WebSocketClientHandshakerFactory.newHandshaker(
            URI.create(uri), WebSocketVersion.V13, null, false, new DefaultHttpHeaders(), MAX_FRAME);
  }

  /** The channel, once connected. */
  @Override
  public Channel channel() {
    return channel;
  }

  /** The scenario's per-connection state; event loop only. */
  public Object attachment() {
    return attachment;
  }

  /** Sets the scenario's per-connection state; event loop only (or before any frame arrives). */
  public void attach(Object value) {
    attachment = value;
  }

  /** Writes one message frame without flushing; event loop only (flushed after the read batch). */
  public void write(ByteBuf payload) {
    channel.write(frame(payload), channel.voidPromise());
    needsFlush = true;
  }

  /** Flushes what {@link #write} queued; event loop only. */
  public void flush() {
    if (needsFlush) {
      needsFlush = false;
      channel.flush();
    }
  }

  /** Writes and flushes one message frame; any thread. */
  public void send(ByteBuf payload) {
    channel.writeAndFlush(frame(payload), channel.voidPromise());
  }

  /**
   * Sends a Close frame and lets the server end the TCP connection (so that TIME_WAIT stays on the
   * server side and the client's ephemeral ports are free at once); any thread.
   */
  @Override
  public ChannelFuture close() {
    if (channel.isActive()) {
      channel.writeAndFlush(new CloseWebSocketFrame(1000, ""));
    }
    return channel.closeFuture();
  }

  private WebSocketFrame frame(ByteBuf payload) {
    return target.format().binary() ? new BinaryWebSocketFrame(payload) : new TextWebSocketFrame(payload);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    handshaker.handshake(channel);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (!handshaker.isHandshakeComplete()) {
        handshaker.finishHandshake(channel, (FullHttpResponse) msg);
        if (target.raw()) {
          ready.complete(this);
        } else {
          awaitingHandshakeResponse = true;
          send(Unpooled.wrappedBuffer(target.format().handshakeRequest()));
        }
      } else if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
        ByteBuf content = ((WebSocketFrame) msg).content();
        if (awaitingHandshakeResponse) {
          handshakeResponse(content);
        } else {
          listener.onFrame(this, content);
        }
      } else if (msg instanceof PingWebSocketFrame ping) {
        channel.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
      } else if (msg instanceof CloseWebSocketFrame) {
        channel.close();
      }
    } catch (RuntimeException e) {
      ready.completeExceptionally(e);
      channel.close();
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void handshakeResponse(ByteBuf content) {
    String text = content.toString(StandardCharsets.UTF_8);
    int separator = text.indexOf(WireFormat.recordSeparator());
    WireFormat.requireHandshakeAccepted(separator < 0 ? text : text.substring(0, separator));
    awaitingHandshakeResponse = false;
    ready.complete(this);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    flush();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    ready.completeExceptionally(new IllegalStateException("Closed before ready"));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ready.completeExceptionally(cause);
    ctx.close();
  }
}
