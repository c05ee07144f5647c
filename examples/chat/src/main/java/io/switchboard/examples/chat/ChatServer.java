package io.switchboard.examples.chat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.backplane.Backplane;
import io.switchboard.backplane.postgres.PostgresBackplane;
import io.switchboard.backplane.redis.RedisBackplane;
import io.switchboard.backplane.sqlserver.SqlServerBackplane;
import io.switchboard.livetrace.LiveTrace;
import io.switchboard.micrometer.SwitchboardMeters;
import io.switchboard.transport.netty.MetricsHandler;
import io.switchboard.transport.netty.ShutdownSignals;
import io.switchboard.transport.netty.SwitchboardServer;
import java.time.Duration;

/**
 * The chat example: {@link ChatHub} at {@code /chat}, the page at {@code /}. Listens on
 * 127.0.0.1:5000 in memory; the environment variables {@code HOST} and {@code PORT} change the
 * address ({@code PORT=0} picks a free port; in a container, {@code HOST=0.0.0.0} so that it is
 * reachable from outside), and {@code REDIS_URL} (e.g.
 * {@code redis://localhost:6379}) scales it out over Redis, so that several chat servers form one
 * room; {@code POSTGRES_URL} or {@code SQLSERVER_URL} (JDBC URLs, e.g. {@code
 * jdbc:postgresql://localhost:5432/chat?user=chat&password=secret}) do the same over the SQL
 * backplane. {@code /health} answers the server's health, {@code /metrics} its meters (Prometheus
 * text); {@code DRAIN_MS} (default 0) is how long a SIGTERM keeps serving, answering {@code 503
 * Draining}, before the clients are closed; {@code LONG_POLL_TIMEOUT_MS} (default 90 s) how long a
 * long poll is held, shorter than the idle timeout of a proxy in front (the container image sets
 * 50 s for the ALB's 60 s). {@code LIVE_TRACE=1} serves the live trace page at {@code /live-trace}
 * to requests with the token {@code LIVE_TRACE_TOKEN} (a random one, printed at start, if unset).
 */
public final class ChatServer {
  private ChatServer() {}

  /** Starts the chat and runs until SIGTERM or SIGINT. */
  public static void main(String[] args) throws InterruptedException {
    String host = System.getenv().getOrDefault("HOST", "127.0.0.1");
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "5000"));
    Backplane backplane = backplane();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SwitchboardMeters meters = new SwitchboardMeters(registry);
    MetricsHandler metrics = new MetricsHandler("/metrics", MetricsHandler.PROMETHEUS_TEXT, registry::scrape);
    SwitchboardServer.Builder builder =
        SwitchboardServer.builder()
            .host(host)
            .port(port)
            .events(meters)
            .pipeline(pipeline -> pipeline.addLast(metrics));
    if (backplane != null) {
      builder.backplane(backplane);
      meters.bindBackplane(backplane);
    }
    String longPollMillis = System.getenv("LONG_POLL_TIMEOUT_MS");
    if (longPollMillis != null && !longPollMillis.isBlank()) {
      builder.longPollTimeout(Duration.ofMillis(Long.parseLong(longPollMillis)));
    }
    String traceToken = "1".equals(System.getenv("LIVE_TRACE")) ? LiveTraceToken.fromEnvironment() : null;
    if (traceToken != null) {
      LiveTraceToken.liveTrace(traceToken).register(builder);
    }
    long drainMillis = Long.parseLong(System.getenv().getOrDefault("DRAIN_MS", "0"));
    SwitchboardServer server =
        builder.hub("/chat", ChatHub.class).health("/health").httpHandler(StaticFiles::new).start();
    if (traceToken != null) {
      // A configured token is a secret of the operator's: only a random one is shown.
      String shown = traceToken.equals(System.getenv("LIVE_TRACE_TOKEN")) ? "<LIVE_TRACE_TOKEN>" : traceToken;
      System.out.println(
          "Live trace: http://" + host + ":" + server.port() + LiveTrace.DEFAULT_PATH + "?access_token=" + shown);
    }
    System.out.println("Now listening on: http://" + host + ":" + server.port());
    System.out.flush();
    ShutdownSignals.await();
    server.drain(Duration.ofMillis(drainMillis));
    if (backplane != null) {
      backplane.close();
    }
    System.exit(0);
  }

  /** The backplane the environment names (the first of REDIS_URL, POSTGRES_URL, SQLSERVER_URL), or null. */
  private static Backplane backplane() {
    String redis = environment("REDIS_URL");
    if (redis != null) {
      return RedisBackplane.create(redis);
    }
    String postgres = environment("POSTGRES_URL");
    if (postgres != null) {
      return PostgresBackplane.create(postgres);
    }
    String sqlServer = environment("SQLSERVER_URL");
    return sqlServer == null ? null : SqlServerBackplane.create(sqlServer);
  }

  private static String environment(String name) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? null : value;
  }
}
