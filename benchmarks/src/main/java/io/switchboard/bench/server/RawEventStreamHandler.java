package io.switchboard.bench.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;

/**
 * The ceiling of Server-Sent Events: answers the GET with the head of a chunked {@code
 * text/event-stream} response and keeps it open; every published payload becomes one chunk, the
 * SSE event {@code data: <payload>\r\n\r\n} built once per publish and shared by every stream.
 */
final class RawEventStreamHandler extends RawHttpSubscriber {
  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = {'\r', '\n', '\r', '\n'};

  RawEventStreamHandler(RawFanout fanout) {
    super(fanout);
  }

  /** {@code content} (a JSON message: no line feeds) as one SSE event, in a new buffer. */
  static ByteBuf event(ByteBuf content) {
    return ByteBufAllocator.DEFAULT
        .buffer(DATA.length + content.readableBytes() + END.length)
        .writeBytes(DATA)
        .writeBytes(content, content.readerIndex(), content.readableBytes())
        .writeBytes(END);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
    HttpResponse head = new DefaultHttpResponse(request.protocolVersion(), HttpResponseStatus.OK);
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
    HttpUtil.setTransferEncodingChunked(head, true);
    subscribe(); // before the head: the client counts on every message from then on
    context.writeAndFlush(head);
  }

  @Override
  public boolean needsEvent() {
    return true;
  }

  @Override
  public void write(RawFanout.Published message) {
    ctx.write(new DefaultHttpContent(message.event().retainedDuplicate()), ctx.voidPromise());
  }

  @Override
  public void flush() {
    ctx.flush();
  }
}
