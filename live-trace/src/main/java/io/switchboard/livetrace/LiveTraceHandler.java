package io.switchboard.livetrace;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.util.ReferenceCountUtil;
import io.switchboard.auth.BearerTokenAuthenticator;
import io.switchboard.connection.HttpRequestInfo;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves one channel's live trace requests: {@code GET <path>} the page, {@code GET
 * <path>/events} the Server-Sent Events stream of trace events; both only once {@link
 * TraceAccess} let the request in; another method on those paths gets 405. Every other request
 * goes on down the pipeline. While the authenticator runs the channel reads nothing more.
 */
final class LiveTraceHandler extends ChannelInboundHandlerAdapter {
  private final LiveTrace trace;
  private TraceViewer viewer;

  LiveTraceHandler(LiveTrace trace) {
    this.trace = trace;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    boolean page = trace.isPagePath(uri.path());
    if (!page && !trace.isEventsPath(uri.path())) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      HttpVersion version = request.protocolVersion();
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      if (!HttpMethod.GET.equals(request.method())) {
        // As ASP.NET Core's routing answers a GET-only endpoint, before any authentication.
        HttpHeaders allow = new DefaultHttpHeaders().set(HttpHeaderNames.ALLOW, HttpMethod.GET.name());
        respond(ctx, version, HttpResponseStatus.METHOD_NOT_ALLOWED, allow, null, new byte[0], keepAlive);
        return;
      }
      long resumeAt = resumePosition(request.headers());
      HttpRequestInfo info = snapshot(request, uri, ctx);
      ctx.channel().config().setAutoRead(false);
      trace.access()
          .check(info)
          .thenAccept(status -> ctx.executor().execute(() -> answer(ctx, info, status, page, version, keepAlive, resumeAt)));
    } finally {
      ReferenceCountUtil.release(request);
    }
  }

  /** Back on the event loop with the access decision: the page, the feed, or the status alone. */
  private void answer(
      ChannelHandlerContext ctx,
      HttpRequestInfo request,
      int status,
      boolean page,
      HttpVersion version,
      boolean keepAlive,
      long resumeAt) {
    ctx.channel().config().setAutoRead(true);
    if (status != 200) {
      // A 401 challenges as the hubs do (and ASP.NET Core's JwtBearer).
      HttpHeaders challenge =
          status == 401
              ? new DefaultHttpHeaders().set(HttpHeaderNames.WWW_AUTHENTICATE, BearerTokenAuthenticator.challenge(request))
              : EmptyHttpHeaders.INSTANCE;
      respond(ctx, version, HttpResponseStatus.valueOf(status), challenge, null, new byte[0], keepAlive);
    } else if (page) {
      respond(
          ctx, version, HttpResponseStatus.OK, EmptyHttpHeaders.INSTANCE, "text/html; charset=utf-8", trace.page(), keepAlive);
    } else {
      stream(ctx, version, resumeAt);
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (viewer != null && ctx.channel().isWritable()) {
      viewer.wake();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closeViewer();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    closeViewer();
  }

  private void stream(ChannelHandlerContext ctx, HttpVersion version, long resumeAt) {
    if (!ctx.channel().isActive() || viewer != null) {
      return;
    }
    TraceRing ring = trace.ring();
    // An id from before a restart of the server may lie ahead of this ring: start from its oldest.
    long position = resumeAt <= ring.end() ? Math.max(resumeAt, ring.start()) : ring.start();
    viewer = new TraceViewer(ring, ctx, position);
    // Watched before the head goes out, so that a client that saw it misses nothing after; the
    // viewer's writes run on this event loop, after this task has written the head.
    ring.open(viewer);
    HttpResponse response = new DefaultHttpResponse(version, HttpResponseStatus.OK);
    noCache(response.headers()).set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
    HttpUtil.setTransferEncodingChunked(response, true);
    ctx.writeAndFlush(response);
    viewer.keepAliveEvery(trace.keepAliveInterval());
    viewer.wake();
  }

  private void closeViewer() {
    if (viewer != null) {
      trace.ring().close(viewer);
      viewer.stop();
      viewer = null;
    }
  }

  private static void respond(
      ChannelHandlerContext ctx,
      HttpVersion version,
      HttpResponseStatus status,
      HttpHeaders extraHeaders,
      String contentType,
      byte[] body,
      boolean keepAlive) {
    FullHttpResponse response = new DefaultFullHttpResponse(version, status, Unpooled.wrappedBuffer(body));
    HttpHeaders headers =
        noCache(response.headers()).setInt(HttpHeaderNames.CONTENT_LENGTH, body.length).add(extraHeaders);
    if (contentType != null) {
      headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
    }
    HttpUtil.setKeepAlive(response, keepAlive);
    var written = ctx.writeAndFlush(response);
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** Never cached; the page's address may carry a token, which no link may pass on. */
  private static HttpHeaders noCache(HttpHeaders headers) {
    return headers
        .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
        .set("Referrer-Policy", "no-referrer")
        .set("X-Content-Type-Options", "nosniff");
  }

  /** After a reconnect, the event after the {@code Last-Event-ID} the browser saw; else 0. */
  private static long resumePosition(HttpHeaders headers) {
    String last = headers.get("Last-Event-ID");
    if (last == null) {
      return 0;
    }
    try {
      return Long.parseLong(last.trim()) + 1;
    } catch (NumberFormatException ignored) {
      return 0;
    }
  }

  /** What the authenticator sees: the method, path, query, headers, cookies and peer. */
  private static HttpRequestInfo snapshot(
      FullHttpRequest request, QueryStringDecoder uri, ChannelHandlerContext ctx) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : request.headers().names()) {
      headers.put(name, request.headers().getAll(name));
    }
    Map<String, String> cookies = new LinkedHashMap<>();
    for (String header : request.headers().getAll(HttpHeaderNames.COOKIE)) {
      for (Cookie cookie : ServerCookieDecoder.LAX.decode(header)) {
        cookies.putIfAbsent(cookie.name(), cookie.value());
      }
    }
    String peer =
        ctx.channel().remoteAddress() instanceof InetSocketAddress address && address.getAddress() != null
            ? address.getAddress().getHostAddress()
            : null;
    return new HttpRequestInfo(request.method().name(), uri.path(), uri.parameters(), headers, cookies, peer);
  }
}
