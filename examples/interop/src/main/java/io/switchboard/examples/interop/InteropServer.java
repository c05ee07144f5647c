package io.switchboard.examples.interop;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.time.Duration;
import io.switchboard.auth.BearerTokenAuthenticator;
import io.switchboard.livetrace.LiveTrace;
import io.switchboard.backplane.Backplane;
import io.switchboard.backplane.postgres.PostgresBackplane;
import io.switchboard.backplane.redis.RedisBackplane;
import io.switchboard.backplane.sqlserver.SqlServerBackplane;
import io.switchboard.connection.TransportType;
import io.switchboard.hub.HubOptions;
import io.switchboard.micrometer.SwitchboardMeters;
import io.switchboard.protocol.PayloadMappers;
import io.switchboard.protocol.json.JsonHubProtocol;
import io.switchboard.protocol.msgpack.MessagePackHubProtocol;
import io.switchboard.transport.netty.MetricsHandler;
import io.switchboard.transport.netty.SwitchboardChannelInitializer;
import io.switchboard.transport.netty.ShutdownSignals;
import io.switchboard.transport.netty.SwitchboardServer;

/**
 * The interop test server: the app the official clients' functional tests run against
 * (interop-server.md). Prints {@code Now listening on: http://<host>:<port>} when ready and stops
 * cleanly, with exit code 0, on SIGTERM or SIGINT.
 */
public final class InteropServer {
  private InteropServer() {}

  /** Starts the server; see {@link InteropOptions} for the arguments. */
  public static void main(String[] args) throws InterruptedException {
    InteropOptions options = InteropOptions.parse(args, System.getenv());
    Backplane backplane = backplane(options);
    JwtTokens tokens = new JwtTokens();
    SwitchboardServer[] started = new SwitchboardServer[1];
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SwitchboardMeters meters = new SwitchboardMeters(registry);
    InteropRoutes routes = new InteropRoutes(tokens, () -> started[0].hubContext(TestHub.class));
    MetricsHandler metrics = new MetricsHandler("/metrics", MetricsHandler.PROMETHEUS_TEXT, registry::scrape);
    NegotiateCookies cookies = new NegotiateCookies();
    SwitchboardServer.Builder builder = SwitchboardServer.builder();
    if (backplane != null) {
      builder.backplane(backplane);
      meters.bindBackplane(backplane);
    }
    if (options.liveTrace()) {
      LiveTrace.builder(new BearerTokenAuthenticator(tokens::validate)).build().register(builder);
    }
    if (options.trustForwarded()) {
      builder.trustForwardedHeaders(InetAddress::isLoopbackAddress);
    }
    SwitchboardServer server =
        builder
            .host(options.host())
            .port(options.port())
            .browserOrigins(options.browserOrigins())
            .hub("/testhub", TestHub.class, InteropServer::configure)
            .hub(
                "/testhub-nowebsockets",
                TestHub.class,
                hub ->
                    configure(hub)
                        .transports(TransportType.SERVER_SENT_EVENTS, TransportType.LONG_POLLING))
            .hub(
                "/authorizedhub",
                AuthorizedHub.class,
                hub -> configure(hub).authenticator(new BearerTokenAuthenticator(tokens::validate)))
            .hub("/uncreatable", UncreatableHub.class, UncreatableHub::create, InteropServer::configure)
            .hub("/default", DefaultHub.class, hub -> configure(hub).allowStatefulReconnects(true))
            .endpoint("/echo", new EchoConnectionHandler())
            .pipeline(pipeline -> pipeline.addBefore(SwitchboardChannelInitializer.SWITCHBOARD, "negotiate-cookies", cookies))
            .health("/health")
            .events(meters)
            .pipeline(pipeline -> pipeline.addLast(metrics))
            .httpHandler(() -> routes)
            .start();
    started[0] = server;

    System.out.println("Now listening on: http://" + options.host() + ":" + server.port());
    System.out.flush();
    ShutdownSignals.await();
    server.drain(Duration.ofMillis(options.drainMillis()));
    if (backplane != null) {
      backplane.close();
    }
    System.exit(0);
  }

  /** The backplane the options name, or null for in-memory. */
  private static Backplane backplane(InteropOptions options) {
    if (options.redisUrl() != null) {
      return RedisBackplane.create(options.redisUrl());
    }
    if (options.postgresUrl() != null) {
      return PostgresBackplane.create(options.postgresUrl());
    }
    return options.sqlServerUrl() == null ? null : SqlServerBackplane.create(options.sqlServerUrl());
  }

  /** The interop configuration of every hub: detailed errors, PascalCase payloads. */
  private static HubOptions.Builder configure(HubOptions.Builder hub) {
    return hub.enableDetailedErrors(true)
        .protocols(
            new JsonHubProtocol(
                PayloadMappers.jsonBuilder()
                    .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                    .build()),
            new MessagePackHubProtocol(
                PayloadMappers.messagePackBuilder()
                    .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                    .build()));
  }
}
