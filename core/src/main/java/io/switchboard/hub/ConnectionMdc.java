package io.switchboard.hub;

import org.slf4j.MDC;

/**
 * Puts the connection id in the logging MDC (key {@value #KEY}) around a connection's work on the
 * hub's threads, so that every line the library or the application logs meanwhile names its
 * connection. The value the thread had before comes back afterwards.
 */
final class ConnectionMdc {
  /** The MDC key, as ASP.NET Core names the connection in its log scopes. */
  static final String KEY = "ConnectionId";

  private ConnectionMdc() {}

  /** {@code task}, run with {@code connectionId} in the MDC. */
  static Runnable around(String connectionId, Runnable task) {
    return () -> {
      String previous = MDC.get(KEY);
      MDC.put(KEY, connectionId);
      try {
        task.run();
      } finally {
        if (previous == null) {
          MDC.remove(KEY);
        } else {
          MDC.put(KEY, previous);
        }
      }
    };
  }
}
