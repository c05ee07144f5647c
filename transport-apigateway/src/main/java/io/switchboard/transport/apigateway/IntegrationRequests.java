package io.switchboard.transport.apigateway;

import com.sun.net.httpserver.HttpExchange;
import io.switchboard.connection.HttpRequestInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads API Gateway's integration requests: the client's request of a {@code $connect}, bodies. */
final class IntegrationRequests {
  private IntegrationRequests() {}

  /**
   * The client's WebSocket request as {@code $connect} forwards it: a GET of {@code hubPath} with
   * the query string and headers of the integration request (API Gateway maps them from the
   * client's). The client's address is the first {@code X-Forwarded-For} entry when present.
   *
   * @throws IllegalArgumentException for a header with a line feed
   */
  static HttpRequestInfo clientRequest(HttpExchange exchange, String hubPath) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
    String forwarded = exchange.getRequestHeaders().getFirst("X-Forwarded-For");
    String remote =
        forwarded != null
            ? forwarded.split(",", 2)[0].trim()
            : exchange.getRemoteAddress().getAddress().getHostAddress();
    return new HttpRequestInfo(
        "GET", hubPath, query(exchange.getRequestURI().getRawQuery()), headers, Map.of(), remote);
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      query.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }
    return query;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  /**
   * The request body, or null when it is longer than {@code limit} (API Gateway forwards at most
   * one 128 KB message).
   */
  static byte[] body(HttpExchange exchange, int limit) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(limit + 1);
      return body.length > limit ? null : body;
    }
  }
}
