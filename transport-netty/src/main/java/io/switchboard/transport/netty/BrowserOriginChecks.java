package io.switchboard.transport.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.switchboard.auth.BrowserOrigins;
import io.switchboard.connection.TransportResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link BrowserOrigins} to the requests of the hub endpoints: answers CORS preflights,
 * adds the CORS headers to the answers of allowed origins, and refuses WebSocket upgrades from
 * origins outside the allow-list.
 */
final class BrowserOriginChecks {
  private static final Logger LOG = LoggerFactory.getLogger(BrowserOriginChecks.class);

  private final BrowserOrigins origins;

  BrowserOriginChecks(BrowserOrigins origins) {
    this.origins = origins;
  }

  /**
   * Answers a CORS preflight ({@code OPTIONS} with {@code Origin} and {@code
   * Access-Control-Request-Method}) with 204, which carries the CORS headers when the origin is
   * allowed, as the reference's middleware answers every preflight. Returns false, answering
   * nothing, for any other request and when CORS is off.
   */
  boolean answeredPreflight(ChannelHandlerContext ctx, HttpRequest request) {
    HttpHeaders asked = request.headers();
    String origin = asked.get(HttpHeaderNames.ORIGIN);
    String method = asked.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
    if (!origins.corsEnabled()
        || !HttpMethod.OPTIONS.equals(request.method())
        || origin == null
        || method == null) {
      return false;
    }
    HttpHeaders answer = new DefaultHttpHeaders();
    if (origins.corsAllows(origin)) {
      allowOrigin(answer, origin);
      // AllowAnyMethod and AllowAnyHeader: what the browser asks for is allowed.
      answer.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, method);
      String headers = asked.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
      if (headers != null && !headers.isBlank()) {
        answer.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, headers);
      }
    } else {
      LOG.debug("CORS preflight of origin {} refused: not an allowed origin", origin);
    }
    HttpExchange.of(ctx, request).respond(TransportResponse.empty(204), answer);
    return true;
  }

  /**
   * Makes the answer to {@code request}, whenever and from whichever thread it is written, carry
   * the CORS headers when the request comes from an allowed origin.
   */
  void decorateAnswer(ChannelHandlerContext ctx, HttpRequest request) {
    String origin = request.headers().get(HttpHeaderNames.ORIGIN);
    if (origins.corsAllows(origin)) {
      HttpHeaders answer = new DefaultHttpHeaders();
      allowOrigin(answer, origin);
      ctx.pipeline().addBefore(ctx.name(), null, new AnswerHeaders(answer));
    }
  }

  /** Whether a WebSocket upgrade's {@code Origin} may open a socket; logs a refusal. */
  boolean webSocketAllowed(HttpRequest request) {
    String origin = request.headers().get(HttpHeaderNames.ORIGIN);
    if (origins.webSocketAllows(origin)) {
      return true;
    }
    LOG.debug("WebSocket upgrade refused: origin {} is not in the list of allowed origins", origin);
    return false;
  }

  private void allowOrigin(HttpHeaders answer, String origin) {
    boolean any = origins.corsAllowsAnyOrigin();
    answer.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, any ? "*" : origin);
    if (origins.allowCredentials()) {
      answer.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
    }
    if (!any) {
      answer.set(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
    }
  }

  /** Adds headers to the next response head written on the channel, then leaves the pipeline. */
  private static final class AnswerHeaders extends ChannelOutboundHandlerAdapter {
    private final HttpHeaders headers;

    AnswerHeaders(HttpHeaders headers) {
      this.headers = headers;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (msg instanceof HttpResponse response) {
        response.headers().add(headers);
        ctx.write(msg, promise);
        ctx.pipeline().remove(this);
      } else {
        ctx.write(msg, promise);
      }
    }
  }
}
