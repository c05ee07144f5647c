package io.switchboard.server;

import io.switchboard.connection.ConnectionEndpoint;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Maps request paths to mounted endpoints: {@code P} and {@code P/negotiate}, compared
 * case-insensitively and ignoring one trailing slash. A transport adapter asks it which endpoint a
 * request names.
 */
public final class EndpointRoutes {
  private static final String NEGOTIATE = "/negotiate";

  /** Which of an endpoint's two routes a path names. */
  public enum Kind {
    /** {@code P/negotiate}. */
    NEGOTIATE,
    /** {@code P}: the transport requests (WebSocket, Server-Sent Events, long polls, sends). */
    CONNECTION
  }

  /**
   * A matched route.
   *
   * @param endpoint the endpoint mounted there
   * @param kind which of its routes the path names
   */
  public record Match(ConnectionEndpoint endpoint, Kind kind) {}

  private final Map<String, ConnectionEndpoint> byPath = new LinkedHashMap<>();

  /** Mounts {@code endpoint} on {@code path}; paths must start with a slash and be unique. */
  void add(String path, ConnectionEndpoint endpoint) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("An endpoint path must start with '/': " + path);
    }
    if (byPath.putIfAbsent(normalize(path), endpoint) != null) {
      throw new IllegalArgumentException("Two endpoints on one path: " + path);
    }
  }

  /** The route {@code path} names, or null. */
  public Match match(String path) {
    String normalized = normalize(path);
    ConnectionEndpoint endpoint = byPath.get(normalized);
    if (endpoint != null) {
      return new Match(endpoint, Kind.CONNECTION);
    }
    if (normalized.endsWith(NEGOTIATE)) {
      String prefix = normalized.substring(0, normalized.length() - NEGOTIATE.length());
      endpoint = byPath.get(prefix.isEmpty() ? "/" : prefix);
      if (endpoint != null) {
        return new Match(endpoint, Kind.NEGOTIATE);
      }
    }
    return null;
  }

  /** Every mounted endpoint, in mount order. */
  public Collection<ConnectionEndpoint> endpoints() {
    return byPath.values();
  }

  private static String normalize(String path) {
    String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return trimmed.toLowerCase(Locale.ROOT);
  }
}
