package io.switchboard.connection;

import io.switchboard.auth.AuthenticatedUser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * An immutable snapshot of the HTTP request that carried a transport (the WebSocket upgrade, the
 * SSE request or the first long poll): what hub code may read about its caller. Header and query
 * names are matched case-insensitively. Once the endpoint has authenticated the request, it also
 * carries the {@link #user() user} it authenticated as.
 */
public final class HttpRequestInfo {
  /**
   * Separates names and values in {@link #headerText}: HTTP forbids line feeds in field names and
   * values (RFC 9110 §5.5), so it can never be part of one.
   */
  private static final char SEPARATOR = '\n';

  private final String method;
  private final String path;
  /** Query names and values, alternating, in request order (values may hold any character). */
  private final String[] queryPairs;
  /**
   * Header names and values, in request order, as {@code name\nvalue\nname\nvalue}: a connection
   * keeps its request for its whole life, and one string costs a fraction of a string per name and
   * value (idle-connection memory).
   */
  private final String headerText;
  private final Map<String, String> cookies;
  private final String remoteAddress;
  private final String scheme;
  private final AuthenticatedUser user;
  private volatile Map<String, List<String>> queryMap;
  private volatile Map<String, List<String>> headerMap;

  /**
   * Creates a snapshot.
   *
   * @param method HTTP method
   * @param path decoded path without the query
   * @param query decoded query parameters
   * @param headers request headers; no name or value may contain a line feed
   * @param cookies cookies of the {@code Cookie} header
   * @param remoteAddress the peer's address, or null
   * @throws IllegalArgumentException when a header name or value contains a line feed
   */
  public HttpRequestInfo(
      String method,
      String path,
      Map<String, List<String>> query,
      Map<String, List<String>> headers,
      Map<String, String> cookies,
      String remoteAddress) {
    this(method, path, query, headers, cookies, remoteAddress, "http");
  }

  /**
   * Creates a snapshot of a request whose client used {@code scheme}.
   *
   * @param remoteAddress the client's address (behind a trusted proxy, the one it forwarded), or
   *     null
   * @param scheme {@code http} or {@code https}, as the client used it
   * @throws IllegalArgumentException when a header name or value contains a line feed
   */
  public HttpRequestInfo(
      String method,
      String path,
      Map<String, List<String>> query,
      Map<String, List<String>> headers,
      Map<String, String> cookies,
      String remoteAddress,
      String scheme) {
    this.method = method;
    this.path = path;
    this.queryPairs = flatten(query);
    this.headerText = join(headers);
    this.cookies = Map.copyOf(cookies);
    this.remoteAddress = remoteAddress;
    this.scheme = scheme;
    this.user = null;
  }

  private HttpRequestInfo(HttpRequestInfo request, AuthenticatedUser user) {
    this.method = request.method;
    this.path = request.path;
    this.queryPairs = request.queryPairs;
    this.headerText = request.headerText;
    this.cookies = request.cookies;
    this.remoteAddress = request.remoteAddress;
    this.scheme = request.scheme;
    this.user = user;
  }

  /** The same request, authenticated as {@code authenticated} (null: anonymous). */
  public HttpRequestInfo withUser(AuthenticatedUser authenticated) {
    return new HttpRequestInfo(this, authenticated);
  }

  /** The user the endpoint authenticated this request as, or null (anonymous, or not yet known). */
  public AuthenticatedUser user() {
    return user;
  }

  private static String[] flatten(Map<String, List<String>> entries) {
    int count = 0;
    for (List<String> values : entries.values()) {
      count += values.size();
    }
    String[] pairs = new String[count * 2];
    int i = 0;
    for (Map.Entry<String, List<String>> entry : entries.entrySet()) {
      for (String value : entry.getValue()) {
        pairs[i++] = entry.getKey();
        pairs[i++] = value;
      }
    }
    return pairs;
  }

  private static String join(Map<String, List<String>> headers) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      for (String value : header.getValue()) {
        // A separator after every part, the last one's dropped below: empty parts stay in place.
        append(text, header.getKey());
        append(text, value);
      }
    }
    return text.isEmpty() ? "" : text.substring(0, text.length() - 1);
  }

  private static void append(StringBuilder text, String part) {
    if (part.indexOf(SEPARATOR) >= 0) {
      throw new IllegalArgumentException("A header name or value contains a line feed: " + part);
    }
    text.append(part).append(SEPARATOR);
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
    for (int i = 0; i < queryPairs.length; i += 2) {
      if (queryPairs[i].equalsIgnoreCase(name)) {
        return queryPairs[i + 1];
      }
    }
    return null;
  }

  /**
   * Every value of a query parameter joined with commas, as ASP.NET Core reads a repeated key, or
   * null when absent. Scans the pairs: the transport asks this of every request, and building the
   * map would keep it alive with the connection.
   */
  String joinedQueryParameter(String name) {
    StringJoiner values = null;
    for (int i = 0; i < queryPairs.length; i += 2) {
      if (queryPairs[i].equalsIgnoreCase(name)) {
        values = values == null ? new StringJoiner(",") : values;
        values.add(queryPairs[i + 1]);
      }
    }
    return values == null ? null : values.toString();
  }

  /** All query parameters (case-insensitive keys). */
  public Map<String, List<String>> queryParameters() {
    Map<String, List<String>> map = queryMap;
    if (map == null) {
      map = caseInsensitiveMap(queryPairs);
      queryMap = map;
    }
    return map;
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    int at = 0;
    while (at < headerText.length()) {
      int nameEnd = headerText.indexOf(SEPARATOR, at);
      int valueEnd = endOfPart(nameEnd + 1);
      if (nameEnd - at == name.length() && headerText.regionMatches(true, at, name, 0, name.length())) {
        return headerText.substring(nameEnd + 1, valueEnd);
      }
      at = valueEnd + 1;
    }
    return null;
  }

  private int endOfPart(int from) {
    int end = headerText.indexOf(SEPARATOR, from);
    return end < 0 ? headerText.length() : end;
  }

  /** All headers (case-insensitive names). */
  public Map<String, List<String>> headers() {
    Map<String, List<String>> map = headerMap;
    if (map == null) {
      map = caseInsensitiveMap(headerText.isEmpty() ? new String[0] : headerText.split(String.valueOf(SEPARATOR), -1));
      headerMap = map;
    }
    return map;
  }

  private static Map<String, List<String>> caseInsensitiveMap(String[] pairs) {
    TreeMap<String, List<String>> built = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < pairs.length; i += 2) {
      built.computeIfAbsent(pairs[i], name -> new ArrayList<>()).add(pairs[i + 1]);
    }
    built.replaceAll((name, values) -> List.copyOf(values));
    return Collections.unmodifiableMap(built);
  }

  /** A cookie's value, or null. */
  public String cookie(String name) {
    return cookies.get(name);
  }

  /** All cookies. */
  public Map<String, String> cookies() {
    return cookies;
  }

  /** The client's address (behind a trusted proxy, the one it forwarded), or null when unknown. */
  public String remoteAddress() {
    return remoteAddress;
  }

  /** The scheme the client used: {@code http} or {@code https}. */
  public String scheme() {
    return scheme;
  }
}
