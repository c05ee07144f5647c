package io.switchboard.bench.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A Server-Sent Events receiver (protocol §1.8): {@code GET} with {@code Accept: text/event-stream},
 * then, for a hub, the handshake POSTed on another connection once the stream is open, and its
 * response as the first event. Every chunk of the response goes to the message stream as it
 * arrives (no aggregation).
 */
final class EventStreamReceiver extends HttpReceiver {
  private final Supplier<CompletableFuture<HttpCall.Reply>> handshake;

  EventStreamReceiver(
      Target target,
      String uri,
      Supplier<CompletableFuture<HttpCall.Reply>> handshake,
      MessageListener listener,
      CompletableFuture<LoadConnection> ready) {
    super(target, uri, listener, ready);
    this.handshake = handshake;
  }

  @Override
  protected void start() {
    FullHttpRequest request = get();
    request.headers().set(HttpHeaderNames.ACCEPT, "text/event-stream");
    channel.writeAndFlush(request);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpResponse head) {
        opened(head);
      }
      if (msg instanceof HttpContent content) {
        received(content.content());
        if (msg instanceof LastHttpContent) {
          channel.close(); // the server ended the stream
        }
      }
    } catch (RuntimeException e) {
      fail(e);
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void opened(HttpResponse head) {
    if (head.status().code() != 200) {
      throw new IllegalStateException("SSE refused: " + head.status());
    }
    if (target.raw()) {
      ready(); // the raw server subscribes the stream before it answers
      return;
    }
    handshake
        .get()
        .whenComplete(
            (reply, error) -> {
              if (error != null || reply.status() != 200) {
                channel.eventLoop().execute(() -> fail(error != null ? error : new IllegalStateException("Handshake POST: " + reply)));
              }
            });
  }
}
