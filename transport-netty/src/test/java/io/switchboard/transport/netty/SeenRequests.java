package io.switchboard.transport.netty;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Placed before Switchboard, records {@code METHOD uri} of each request once Switchboard has
 * processed it, so that tests can order requests sent on different connections without sleeping.
 */
@Sharable
final class SeenRequests extends ChannelInboundHandlerAdapter {
  private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    String line = msg instanceof HttpRequest request ? request.method() + " " + request.uri() : null;
    ctx.fireChannelRead(msg);
    if (line != null) {
      seen.add(line);
    }
  }

  /** Waits until a request whose line starts with {@code prefix} has been processed. */
  void await(String prefix) throws InterruptedException {
    while (!Await.poll(seen).startsWith(prefix)) {
      // an earlier request
    }
  }
}
