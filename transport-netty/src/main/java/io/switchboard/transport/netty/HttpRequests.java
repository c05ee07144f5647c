package io.switchboard.transport.netty;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.switchboard.connection.HttpRequestInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what the connection layer needs from a Netty HTTP request. */
final class HttpRequests {
  private HttpRequests() {}

  /**
   * A snapshot of the request: method, decoded path and query, headers, cookies, and the client's
   * address and scheme ({@code forwarded} says whether a proxy's word on them is believed; a
   * believed {@code X-Forwarded-Host} replaces the {@code Host} header).
   */
  static HttpRequestInfo info(
      HttpRequest request, QueryStringDecoder uri, Channel channel, ForwardedHeaders forwarded) {
    HttpHeaders headers = request.headers();
    ForwardedHeaders.Origin origin =
        forwarded.resolve(headers, headers.get(HttpHeaderNames.HOST), channel);
    Map<String, List<String>> headerMap = new LinkedHashMap<>();
    for (String name : headers.names()) {
      boolean host = HttpHeaderNames.HOST.contentEqualsIgnoreCase(name) && origin.host() != null;
      headerMap.put(name, host ? List.of(origin.host()) : headers.getAll(name));
    }
    Map<String, String> cookies = new LinkedHashMap<>();
    for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
      for (Cookie cookie : ServerCookieDecoder.LAX.decode(header)) {
        cookies.putIfAbsent(cookie.name(), cookie.value());
      }
    }
    return new HttpRequestInfo(
        request.method().name(),
        uri.path(),
        uri.parameters(),
        headerMap,
        cookies,
        origin.remoteAddress(),
        origin.scheme());
  }

  /** Whether a GET asks for a WebSocket ({@code Upgrade: websocket}, {@code Connection: upgrade}). */
  static boolean isWebSocketUpgrade(HttpRequest request) {
    HttpHeaders headers = request.headers();
    return headers.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
        && headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
  }

  /** Whether the request accepts {@code text/event-stream} (a Server-Sent Events request). */
  static boolean acceptsEventStream(HttpRequest request) {
    for (String accept : request.headers().getAll(HttpHeaderNames.ACCEPT)) {
      if (accept.toLowerCase(java.util.Locale.ROOT).contains("text/event-stream")) {
        return true;
      }
    }
    return false;
  }
}
