package io.switchboard.bench.client;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;

/**
 * A long-polling receiver (protocol §1.9), all on one keep-alive connection: the first poll
 * (answered at once, empty), then for a hub the handshake POST, then polls back to back, each
 * sent as soon as the previous one is answered, whose bodies go to the message stream. A 204 means
 * the server ended the connection.
 */
final class LongPollingReceiver extends HttpReceiver {
  private enum Step {
    FIRST_POLL,
    HANDSHAKE,
    POLLING
  }

  private Step step = Step.FIRST_POLL;

  LongPollingReceiver(Target target, String uri, MessageListener listener, CompletableFuture<LoadConnection> ready) {
    super(target, uri, listener, ready);
  }

  @Override
  protected void start() {
    channel.writeAndFlush(get());
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      FullHttpResponse response = (FullHttpResponse) msg;
      int status = response.status().code();
      if (status == 204) {
        fail(new IllegalStateException("Poll terminated by the server"));
        return;
      }
      if (status != 200) {
        throw new IllegalStateException(step + ": " + response.status());
      }
      switch (step) {
        case FIRST_POLL -> {
          if (target.raw()) {
            step = Step.POLLING;
            ready(); // the raw server subscribes the channel on its first poll
          } else {
            step = Step.HANDSHAKE;
            channel.writeAndFlush(handshake());
            return;
          }
        }
        case HANDSHAKE -> step = Step.POLLING;
        case POLLING -> received(response.content());
      }
      channel.writeAndFlush(get());
    } catch (RuntimeException e) {
      fail(e);
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private FullHttpRequest handshake() {
    byte[] body = target.format().handshakeRequest();
    FullHttpRequest request =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri, Unpooled.wrappedBuffer(body));
    request.headers().set(HttpHeaderNames.HOST, Target.HOST).set(HttpHeaderNames.CONTENT_LENGTH, body.length);
    return request;
  }
}
