package io.switchboard.connection;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link HttpRequestInfo} values from a method and a raw query string. */
final class TestRequests {
  private TestRequests() {}

  static HttpRequestInfo request(String method, String query) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (!query.isEmpty()) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      }
    }
    return new HttpRequestInfo(method, "/hub", parameters, Map.of(), Map.of(), "127.0.0.1");
  }

  static HttpRequestInfo negotiate(String query) {
    return request("POST", query);
  }

  static HttpRequestInfo get(String query) {
    return request("GET", query);
  }
}
