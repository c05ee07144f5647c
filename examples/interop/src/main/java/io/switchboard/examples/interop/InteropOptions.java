package io.switchboard.examples.interop;

import java.util.Map;

/**
 * The interop server's command line: {@code --port N} (0 = any free port), {@code --host H}
 * (default 127.0.0.1), {@code --redis URL} (optional backplane). The environment variables
 * {@code HOST} and {@code PORT} change the defaults, as in a container; the flags win over them.
 *
 * @param host the address to bind
 * @param port the port, 0 for any free one
 * @param redisUrl the Redis backplane's URL, or null for in-memory
 */
record InteropOptions(String host, int port, String redisUrl) {

  static InteropOptions parse(String[] args, Map<String, String> env) {
    String host = env.getOrDefault("HOST", "127.0.0.1");
    int port = Integer.parseInt(env.getOrDefault("PORT", "0"));
    String redis = null;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(required(args[i], value));
        case "--host" -> host = required(args[i], value);
        case "--redis" -> redis = required(args[i], value);
        default -> throw new IllegalArgumentException("Unknown option: " + args[i]);
      }
      i++;
    }
    return new InteropOptions(host, port, redis);
  }

  private static String required(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }
}
