package io.switchboard.bench.server;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.backplane.Backplane;
import io.switchboard.backplane.postgres.PostgresBackplane;
import io.switchboard.backplane.redis.RedisBackplane;
import io.switchboard.events.SwitchboardEvents;
import io.switchboard.micrometer.SwitchboardMeters;
import io.switchboard.transport.netty.IoTransport;
import io.switchboard.transport.netty.SwitchboardServer;

/**
 * Entry point of a server process of the suite: {@code switchboard} (the hub on {@code /bench}),
 * or a raw-Netty ceiling, {@code raw-echo} or {@code raw-fanout} (WebSockets on {@code /raw}) or
 * {@code raw-fallback-fanout} (the fan-out to WebSockets, Server-Sent Events and long polls);
 * for S7, {@code switchboard-redis} (the same hub with a Redis backplane) and {@code raw-pubsub}
 * ({@link PubSubCeiling}, which listens on no port: it prints {@code READY port=0}); for S7pg,
 * {@code switchboard-postgres} (the SQL backplane on PostgreSQL) and {@code raw-jdbc} ({@link
 * JdbcCeiling}, no port either).
 * Binds an ephemeral port on 127.0.0.1 and then follows {@link ServerControl}.
 */
public final class ServerMain {
  /** The system property naming the {@link IoTransport} of the server (default: the best one). */
  public static final String IO_PROPERTY = "bench.io";

  private ServerMain() {}

  /**
   * Usage: {@code ServerMain switchboard|switchboard-meters|raw-echo|raw-fanout|raw-fallback-fanout}, {@code ServerMain
   * switchboard-redis|raw-pubsub <redis uri>} or {@code ServerMain switchboard-postgres|raw-jdbc <jdbc url>}.
   */
  public static void main(String[] args) throws Exception {
    String kind = args.length > 0 ? args[0] : "switchboard";
    IoTransport io = IoTransport.valueOf(System.getProperty(IO_PROPERTY, IoTransport.best().name()));
    switch (kind) {
      case "switchboard" -> serveHub(SwitchboardEvents.NONE, io);
      case "switchboard-meters" ->
          serveHub(new SwitchboardMeters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)), io);
      case "switchboard-redis" -> serveWithBackplane(RedisBackplane.create(args[1]), io);
      case "switchboard-postgres" -> serveWithBackplane(PostgresBackplane.create(args[1]), io);
      case "raw-pubsub" -> {
        try (PubSubCeiling ceiling = PubSubCeiling.connect(args[1])) {
          ServerControl.serve(0, ceiling);
        }
      }
      case "raw-jdbc" -> {
        try (JdbcCeiling ceiling = JdbcCeiling.connect(args[1])) {
          ServerControl.serve(0, ceiling);
        }
      }
      case "raw-echo", "raw-fanout", "raw-fallback-fanout" -> {
        try (RawWebSocketServer server = RawWebSocketServer.start(rawMode(kind), io)) {
          ServerControl.serve(server.port());
        }
      }
      default -> throw new IllegalArgumentException("Unknown server kind " + kind);
    }
    System.exit(0);
  }

  private static RawWebSocketServer.Mode rawMode(String kind) {
    return switch (kind) {
      case "raw-echo" -> RawWebSocketServer.Mode.ECHO;
      case "raw-fanout" -> RawWebSocketServer.Mode.FANOUT;
      default -> RawWebSocketServer.Mode.FALLBACK_FANOUT;
    };
  }

  /** {@code BenchHub} on {@code /bench}, on a free loopback port. */
  private static SwitchboardServer.Builder hubServer(IoTransport io) {
    return SwitchboardServer.builder().host("127.0.0.1").port(0).ioTransport(io).hub("/bench", BenchHub.class);
  }

  /** The hub on a server reporting to {@code events}, until told to quit. */
  private static void serveHub(SwitchboardEvents events, IoTransport io) throws Exception {
    SwitchboardServer server = hubServer(io).events(events).start();
    try {
      ServerControl.serve(server.port(), BenchHub::command);
    } finally {
      server.close();
    }
  }

  /** The hub on a server scaled out over {@code backplane}, until told to quit. */
  private static void serveWithBackplane(Backplane backplane, IoTransport io) throws Exception {
    SwitchboardServer server = hubServer(io).backplane(backplane).start();
    try {
      awaitHealthy(backplane);
      ServerControl.serve(server.port());
    } finally {
      server.close();
      backplane.close();
    }
  }

  /** Waits up to 10 s for the backplane's connections, so that the node is reachable at READY. */
  private static void awaitHealthy(Backplane backplane) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!backplane.isHealthy() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    if (!backplane.isHealthy()) {
      throw new IllegalStateException("Backplane not connected after 10 s");
    }
  }
}
