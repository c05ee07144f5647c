package io.switchboard.bench.server;

import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The ceiling of long polling, an immediate-response poll loop on one keep-alive channel: the first
 * poll is answered at once and empty (as Switchboard does) and subscribes the channel; published
 * payloads collect as shared duplicates in one composite buffer, and a poll is answered with all
 * of them as soon as there is any: at once if some are pending, else at the end of the pass that
 * brings the first.
 */
final class RawPollHandler extends RawHttpSubscriber {
  private static final int MAX_COMPONENTS = 1024;

  private CompositeByteBuf pending;
  private boolean waiting;

  RawPollHandler(RawFanout fanout) {
    super(fanout);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
    if (pending == null) {
      pending = context.alloc().compositeBuffer(MAX_COMPONENTS);
      subscribe();
      respond(new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER));
      return;
    }
    waiting = true;
    flush();
  }

  @Override
  public void write(RawFanout.Published message) {
    pending.addComponent(true, message.content().retainedDuplicate());
  }

  /** Answers the waiting poll with everything pending, if there is any. */
  @Override
  public void flush() {
    if (!waiting || !pending.isReadable()) {
      return;
    }
    waiting = false;
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, pending);
    pending = ctx.alloc().compositeBuffer(MAX_COMPONENTS);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM);
    respond(response);
  }

  private void respond(FullHttpResponse response) {
    response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
    ctx.writeAndFlush(response, ctx.voidPromise());
  }

  @Override
  protected void released() {
    if (pending != null) {
      pending.release();
      pending = null;
    }
  }
}
