package io.switchboard.examples.interop;

/**
 * The interop server's command line: {@code --port N} (0 = any free port), {@code --host H}
 * (default 127.0.0.1), {@code --redis URL} (optional backplane), {@code --trust-forwarded}
 * (believe {@code X-Forwarded-*} from a proxy on a loopback address), {@code --drain MS} (on
 * SIGTERM, answer {@code 503 Draining} and keep serving for MS milliseconds before closing).
 *
 * @param host the address to bind
 * @param port the port, 0 for any free one
 * @param redisUrl the Redis backplane's URL, or null for in-memory
 * @param trustForwarded whether forwarded headers from loopback proxies are believed
 * @param drainMillis how long a drain serves on before the server closes
 */
record InteropOptions(String host, int port, String redisUrl, boolean trustForwarded, long drainMillis) {

  static InteropOptions parse(String[] args) {
    String host = "127.0.0.1";
    int port = 0;
    String redis = null;
    boolean trustForwarded = false;
    long drainMillis = 0;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--trust-forwarded")) {
        trustForwarded = true;
        continue;
      }
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(required(args[i], value));
        case "--host" -> host = required(args[i], value);
        case "--redis" -> redis = required(args[i], value);
        case "--drain" -> drainMillis = Long.parseLong(required(args[i], value));
        default -> throw new IllegalArgumentException("Unknown option: " + args[i]);
      }
      i++;
    }
    return new InteropOptions(host, port, redis, trustForwarded, drainMillis);
  }

  private static String required(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }
}
