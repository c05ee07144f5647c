package io.switchboard.transport.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the flushes that reach the head of a pipeline. */
final class FlushCounter extends ChannelOutboundHandlerAdapter {
  final AtomicInteger flushes = new AtomicInteger();
  volatile ChannelHandlerContext context;

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    context = ctx;
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    flushes.incrementAndGet();
    ctx.flush();
  }
}
