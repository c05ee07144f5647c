package io.switchboard.examples.interop;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.switchboard.hub.HubContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The interop server's plain HTTP endpoints (interop-server.md): redirects, a failing negotiate,
 * JWT tokens and client results from outside any hub (the library serves {@code /health}).
 * Requests for other paths go on down the pipeline.
 */
@Sharable
final class InteropRoutes extends ChannelInboundHandlerAdapter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AtomicInteger redirects = new AtomicInteger();
  private final JwtTokens tokens;
  private final Supplier<HubContext> testHub;

  /** @param testHub the TestHub's context (one hub on both of its paths), for client results */
  InteropRoutes(JwtTokens tokens, Supplier<HubContext> testHub) {
    this.tokens = tokens;
    this.testHub = testHub;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (!(msg instanceof FullHttpRequest request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String path = uri.path();
    String lower = path.toLowerCase(Locale.ROOT);
    boolean handled = true;
    try {
      if (lower.startsWith("/echoredirect")) {
        String target = request.uri().replaceFirst("(?i)echoredirect", "echo");
        FullHttpResponse response = response(HttpResponseStatus.TEMPORARY_REDIRECT, "text/plain", "");
        response.headers().set(HttpHeaderNames.LOCATION, target);
        send(ctx, request, response);
      } else if (lower.startsWith("/redirect")) {
        String baseUrl = first(uri.parameters(), "baseUrl");
        String url = baseUrl + "/testHub?numRedirects=" + redirects.incrementAndGet();
        send(ctx, request, response(HttpResponseStatus.OK, "application/json", JSON.writeValueAsString(Map.of("url", url))));
      } else if (lower.startsWith("/bad-negotiate")) {
        send(ctx, request, response(HttpResponseStatus.BAD_REQUEST, "text/plain", "Some response from server"));
      } else if (lower.equals("/generatejwttoken")) {
        send(ctx, request, response(HttpResponseStatus.OK, "text/plain", tokens.issue("testuser")));
      } else if (lower.startsWith("/generatejwttoken/")) {
        String user = path.substring("/generateJwtToken/".length());
        send(ctx, request, response(HttpResponseStatus.OK, "text/plain", tokens.issue(user)));
      } else if (lower.startsWith("/clientresult/")) {
        askForResult(ctx, request, path.substring("/clientresult/".length()));
      } else {
        handled = false;
      }
    } finally {
      if (handled) {
        ReferenceCountUtil.release(request);
      }
    }
    if (!handled) {
      ctx.fireChannelRead(request);
    }
  }

  /** Asks the connection's client method {@code Result()} for an int, without blocking. */
  private void askForResult(ChannelHandlerContext ctx, FullHttpRequest request, String connectionId) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    testHub.get().clients().client(connectionId).invoke(Integer.class, "Result")
        .whenComplete(
            (value, error) -> {
              String body = error == null ? String.valueOf(value) : unwrap(error).getMessage();
              send(ctx, keepAlive, response(HttpResponseStatus.OK, "text/plain", body));
            });
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }

  private static String first(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.get(name);
    return values == null || values.isEmpty() ? "" : values.get(0);
  }

  private static FullHttpResponse response(HttpResponseStatus status, String contentType, String body) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    HttpUtil.setContentLength(response, response.content().readableBytes());
    return response;
  }

  private static void send(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response) {
    send(ctx, HttpUtil.isKeepAlive(request), response);
  }

  private static void send(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
    HttpUtil.setKeepAlive(response, keepAlive);
    var written = ctx.writeAndFlush(response);
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }
}
