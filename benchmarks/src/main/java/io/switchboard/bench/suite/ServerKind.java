package io.switchboard.bench.suite;

import io.switchboard.bench.client.Target;
import io.switchboard.bench.client.WireFormat;

/** The servers a scenario runs against: Switchboard, and the raw-Netty ceilings. */
public enum ServerKind {
  /** The hub {@code BenchHub} on {@code /bench}. */
  SWITCHBOARD("switchboard", "/bench", false),
  /** The same hub with {@code SwitchboardMeters} on a Prometheus registry (the suite's {@code --meters}). */
  SWITCHBOARD_METERS("switchboard-meters", "/bench", false),
  /** Raw Netty writing every frame back. */
  RAW_ECHO("raw-echo", "/raw", true),
  /** Raw Netty writing every frame to every channel. */
  RAW_FANOUT("raw-fanout", "/raw", true),
  /** Raw Netty writing every frame from a WebSocket to every WebSocket, SSE stream and long poll. */
  RAW_FALLBACK_FANOUT("raw-fallback-fanout", "/raw", true),
  /** {@code BenchHub} with a Redis backplane (S7); ServerMain takes the Redis URI. */
  SWITCHBOARD_REDIS("switchboard-redis", "/bench", false),
  /** Lettuce publishing to two subscribers, no WebSockets (S7's ceiling); takes the Redis URI. */
  RAW_PUBSUB("raw-pubsub", "", true),
  /** {@code BenchHub} with the SQL backplane on PostgreSQL (S7pg); ServerMain takes the JDBC URL. */
  SWITCHBOARD_POSTGRES("switchboard-postgres", "/bench", false),
  /** pgJDBC appending and two LISTENing readers, no WebSockets (S7pg's ceiling); takes the JDBC URL. */
  RAW_JDBC("raw-jdbc", "", true);

  private final String argument;
  private final String path;
  private final boolean raw;

  ServerKind(String argument, String path, boolean raw) {
    this.argument = argument;
    this.path = path;
    this.raw = raw;
  }

  /** The argument of {@code ServerMain}. */
  public String argument() {
    return argument;
  }

  /** Whether this is a ceiling (raw Netty). */
  public boolean raw() {
    return raw;
  }

  /** Where the load generator connects. */
  public Target target(int port, WireFormat format) {
    return new Target(port, path, format, raw);
  }
}
