package io.switchboard.examples.interop;

/**
 * The interop server's command line: {@code --port N} (0 = any free port), {@code --host H}
 * (default 127.0.0.1), and one optional backplane: {@code --redis URL}, {@code --postgres JDBC_URL}
 * or {@code --sqlserver JDBC_URL}.
 *
 * @param host the address to bind
 * @param port the port, 0 for any free one
 * @param redisUrl the Redis backplane's URL, or null
 * @param postgresUrl the JDBC URL of the SQL backplane on PostgreSQL, or null
 * @param sqlServerUrl the JDBC URL of the SQL backplane on SQL Server, or null
 */
record InteropOptions(String host, int port, String redisUrl, String postgresUrl, String sqlServerUrl) {

  static InteropOptions parse(String[] args) {
    String host = "127.0.0.1";
    int port = 0;
    String redis = null;
    String postgres = null;
    String sqlServer = null;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(required(args[i], value));
        case "--host" -> host = required(args[i], value);
        case "--redis" -> redis = required(args[i], value);
        case "--postgres" -> postgres = required(args[i], value);
        case "--sqlserver" -> sqlServer = required(args[i], value);
        default -> throw new IllegalArgumentException("Unknown option: " + args[i]);
      }
      i++;
    }
    if ((redis != null ? 1 : 0) + (postgres != null ? 1 : 0) + (sqlServer != null ? 1 : 0) > 1) {
      throw new IllegalArgumentException("Give at most one of --redis, --postgres and --sqlserver");
    }
    return new InteropOptions(host, port, redis, postgres, sqlServer);
  }

  private static String required(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }
}
