package io.switchboard.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable snapshot of the HTTP request that carried a transport (the WebSocket upgrade, the
 * SSE request or the first long poll): what hub code may read about its caller. Header and query
 * names are matched case-insensitively.
 */
public final class HttpRequestInfo {
  private final String method;
  private final String path;
  private final Map<String, List<String>> query;
  /**
   * Header names and values, alternating, in request order: a connection keeps its request for
   * its whole life, and a flat array costs a fraction of a map of lists (idle-connection memory).
   */
  private final String[] headerPairs;
  private volatile Map<String, List<String>> headerMap;
  private final Map<String, String> cookies;
  private final String remoteAddress;

  /**
   * Creates a snapshot.
   *
   * @param method HTTP method
   * @param path decoded path without the query
   * @param query decoded query parameters
   * @param headers request headers
   * @param cookies cookies of the {@code Cookie} header
   * @param remoteAddress the peer's address, or null
   */
  public HttpRequestInfo(
      String method,
      String path,
      Map<String, List<String>> query,
      Map<String, List<String>> headers,
      Map<String, String> cookies,
      String remoteAddress) {
    this.method = method;
    this.path = path;
    this.query = caseInsensitiveCopy(query);
    this.headerPairs = flatten(headers);
    this.cookies = Map.copyOf(cookies);
    this.remoteAddress = remoteAddress;
  }

  private static String[] flatten(Map<String, List<String>> headers) {
    int count = 0;
    for (List<String> values : headers.values()) {
      count += values.size();
    }
    String[] pairs = new String[count * 2];
    int i = 0;
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      for (String value : header.getValue()) {
        pairs[i++] = header.getKey();
        pairs[i++] = value;
      }
    }
    return pairs;
  }

  private static <V> Map<String, V> caseInsensitiveCopy(Map<String, V> source) {
    TreeMap<String, V> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(source);
    return java.util.Collections.unmodifiableMap(copy);
  }

  /** The HTTP method. */
  public String method() {
    return method;
  }

  /** The decoded path, without the query. */
  public String path() {
    return path;
  }

  /** The first value of a query parameter, or null. */
  public String queryParameter(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** All query parameters (case-insensitive keys). */
  public Map<String, List<String>> queryParameters() {
    return query;
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    for (int i = 0; i < headerPairs.length; i += 2) {
      if (headerPairs[i].equalsIgnoreCase(name)) {
        return headerPairs[i + 1];
      }
    }
    return null;
  }

  /** All headers (case-insensitive names). */
  public Map<String, List<String>> headers() {
    Map<String, List<String>> map = headerMap;
    if (map == null) {
      TreeMap<String, List<String>> built = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (int i = 0; i < headerPairs.length; i += 2) {
        built.computeIfAbsent(headerPairs[i], name -> new ArrayList<>()).add(headerPairs[i + 1]);
      }
      built.replaceAll((name, values) -> List.copyOf(values));
      map = java.util.Collections.unmodifiableMap(built);
      headerMap = map;
    }
    return map;
  }

  /** A cookie's value, or null. */
  public String cookie(String name) {
    return cookies.get(name);
  }

  /** All cookies. */
  public Map<String, String> cookies() {
    return cookies;
  }

  /** The peer's address, or null when unknown. */
  public String remoteAddress() {
    return remoteAddress;
  }
}
