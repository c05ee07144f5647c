package io.switchboard.examples.chat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Serves the chat page and its scripts from the classpath folder {@code web/}. Other requests go
 * on down the pipeline.
 */
final class StaticFiles extends ChannelInboundHandlerAdapter {
  private static final Map<String, String> CONTENT_TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8");

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request) || !HttpMethod.GET.equals(request.method())) {
      ctx.fireChannelRead(msg);
      return;
    }
    String path = new QueryStringDecoder(request.uri()).path();
    String file = path.equals("/") ? "index.html" : path.substring(1);
    byte[] content = file.contains("..") ? null : read("web/" + file);
    if (content == null) {
      ctx.fireChannelRead(msg);
      return;
    }
    String extension = file.substring(file.lastIndexOf('.') + 1);
    respond(
        ctx,
        request,
        HttpResponseStatus.OK,
        CONTENT_TYPES.getOrDefault(extension, "application/octet-stream"),
        content);
  }

  private static byte[] read(String resource) {
    try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void respond(
      ChannelHandlerContext ctx,
      FullHttpRequest request,
      HttpResponseStatus status,
      String contentType,
      byte[] body) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    ReferenceCountUtil.release(request);
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    HttpUtil.setContentLength(response, body.length);
    HttpUtil.setKeepAlive(response, keepAlive);
    var written = ctx.writeAndFlush(response);
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }
}
