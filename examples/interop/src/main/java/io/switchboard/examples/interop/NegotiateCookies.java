package io.switchboard.examples.interop;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import io.netty.util.AttributeKey;

/**
 * Sets the test cookies on the response to any request whose path contains {@code /negotiate}:
 * {@code testCookie}, {@code testCookie2}, and {@code expiredCookie} already expired.
 */
@Sharable
final class NegotiateCookies extends ChannelDuplexHandler {
  private static final AttributeKey<Boolean> NEGOTIATING = AttributeKey.valueOf("negotiating");

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request) {
      ctx.channel().attr(NEGOTIATING).set(pathOf(request.uri()).contains("/negotiate"));
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse response
        && Boolean.TRUE.equals(ctx.channel().attr(NEGOTIATING).getAndSet(false))) {
      response.headers().add(HttpHeaderNames.SET_COOKIE, cookie("testCookie", "testValue", null));
      response.headers().add(HttpHeaderNames.SET_COOKIE, cookie("testCookie2", "testValue2", null));
      response.headers().add(HttpHeaderNames.SET_COOKIE, cookie("expiredCookie", "doesntmatter", 0L));
    }
    ctx.write(msg, promise);
  }

  private static String cookie(String name, String value, Long maxAge) {
    DefaultCookie cookie = new DefaultCookie(name, value);
    cookie.setPath("/");
    if (maxAge != null) {
      cookie.setMaxAge(maxAge); // Max-Age=0 plus an Expires date in the past
    }
    return ServerCookieEncoder.STRICT.encode(cookie);
  }

  private static String pathOf(String uri) {
    int query = uri.indexOf('?');
    return query < 0 ? uri : uri.substring(0, query);
  }
}
