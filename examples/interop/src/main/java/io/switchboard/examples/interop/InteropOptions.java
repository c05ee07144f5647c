package io.switchboard.examples.interop;

import io.switchboard.auth.BrowserOrigins;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The interop server's command line: {@code --port N} (0 = any free port), {@code --host H}
 * (default 127.0.0.1), one optional backplane ({@code --redis URL}, {@code --postgres JDBC_URL}
 * or {@code --sqlserver JDBC_URL}), {@code --cors-origin ORIGIN}
 * (repeatable), {@code --trust-forwarded} (believe {@code X-Forwarded-*} from a proxy on a
 * loopback address), {@code --drain MS} (on SIGTERM, answer {@code 503 Draining} and keep serving
 * for MS milliseconds before closing), {@code --live-trace} (serve the live trace page at {@code
 * /live-trace} to holders of a {@code /generateJwtToken} token). The environment variables {@code HOST} and {@code PORT}
 * change the defaults, as in a container; the flags win over them.
 *
 * @param host the address to bind
 * @param port the port, 0 for any free one
 * @param redisUrl the Redis backplane's URL, or null
 * @param postgresUrl the JDBC URL of the SQL backplane on PostgreSQL, or null
 * @param sqlServerUrl the JDBC URL of the SQL backplane on SQL Server, or null
 * @param corsOrigins the browser origins that may call the hub endpoints, none for no checks
 * @param trustForwarded whether forwarded headers from loopback proxies are believed
 * @param drainMillis how long a drain serves on before the server closes
 * @param liveTrace whether the live trace page is served
 */
record InteropOptions(
    String host,
    int port,
    String redisUrl,
    String postgresUrl,
    String sqlServerUrl,
    List<String> corsOrigins,
    boolean trustForwarded,
    long drainMillis,
    boolean liveTrace) {

  InteropOptions {
    corsOrigins = List.copyOf(corsOrigins);
  }

  static InteropOptions parse(String[] args, Map<String, String> env) {
    String host = env.getOrDefault("HOST", "127.0.0.1");
    int port = Integer.parseInt(env.getOrDefault("PORT", "0"));
    String redis = null;
    String postgres = null;
    String sqlServer = null;
    List<String> corsOrigins = new ArrayList<>();
    boolean trustForwarded = false;
    long drainMillis = 0;
    boolean liveTrace = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--trust-forwarded")) {
        trustForwarded = true;
        continue;
      }
      if (args[i].equals("--live-trace")) {
        liveTrace = true;
        continue;
      }
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(required(args[i], value));
        case "--host" -> host = required(args[i], value);
        case "--redis" -> redis = required(args[i], value);
        case "--postgres" -> postgres = required(args[i], value);
        case "--sqlserver" -> sqlServer = required(args[i], value);
        case "--cors-origin" -> corsOrigins.add(required(args[i], value));
        case "--drain" -> drainMillis = Long.parseLong(required(args[i], value));
        default -> throw new IllegalArgumentException("Unknown option: " + args[i]);
      }
      i++;
    }
    if ((redis != null ? 1 : 0) + (postgres != null ? 1 : 0) + (sqlServer != null ? 1 : 0) > 1) {
      throw new IllegalArgumentException("Give at most one of --redis, --postgres and --sqlserver");
    }
    return new InteropOptions(
        host, port, redis, postgres, sqlServer, corsOrigins, trustForwarded, drainMillis, liveTrace);
  }

  /**
   * The {@code --cors-origin} origins may call every hub endpoint with credentials, and only they
   * may open WebSockets from a browser; without the option, neither check (the reference's
   * defaults).
   */
  BrowserOrigins browserOrigins() {
    BrowserOrigins.Builder origins = BrowserOrigins.builder().allowCredentials(!corsOrigins.isEmpty());
    corsOrigins.forEach(origin -> origins.corsOrigin(origin).webSocketOrigin(origin));
    return origins.build();
  }

  private static String required(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }
}
