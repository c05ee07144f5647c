package io.switchboard.transport.apigateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.connection.TransportResponse;
import io.switchboard.server.Health;
import io.switchboard.server.SwitchboardApplication;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP integration an API Gateway WebSocket API calls (through a VPC link and a load
 * balancer): for a hub on {@code P}, {@code POST P/connect}, {@code POST P/default} and {@code
 * POST P/disconnect}, each with API Gateway's connection id in the {@code connectionId} header
 * (request parameter mapping {@code integration.request.header.connectionId =
 * context.connectionId}); {@code $connect} also forwards the client's query string ({@code
 * access_token}). {@code GET /health} answers with the application's {@link Health} for the load
 * balancer. Served by the JDK's HTTP server on its own threads (the routes may block on an
 * authenticator).
 *
 * <p>The endpoints believe their caller (the connection id, {@code X-Forwarded-For}): keep them
 * reachable from API Gateway's VPC link only, never from the clients.
 */
public final class ApiGatewayServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiGatewayServer.class);
  private static final String CONNECTION_ID = "connectionId";
  private static final String CONNECT = "/connect";
  private static final String DEFAULT = "/default";
  private static final String DISCONNECT = "/disconnect";
  private static final String HEALTH = "/health";

  private final SwitchboardApplication application;
  private final ApiGatewayTransport transport;
  private final HttpServer server;
  private final ExecutorService threads;
  private final Duration shutdownTimeout;

  private ApiGatewayServer(Builder builder) throws IOException {
    this.application = builder.application;
    this.shutdownTimeout = builder.shutdownTimeout;
    this.transport = new ApiGatewayTransport(application, builder.options);
    this.threads =
        Executors.newFixedThreadPool(builder.threads, DaemonThreads.named("switchboard-apigateway-http"));
    this.server = HttpServer.create(new InetSocketAddress(builder.host, builder.port), 0);
    server.setExecutor(threads);
    server.createContext("/", this::serve);
    server.start();
  }

  /** Starts configuring a server for {@code application}'s hubs behind the API {@code options} name. */
  public static Builder builder(SwitchboardApplication application, ApiGatewayOptions options) {
    return new Builder(application, options);
  }

  /** The port the integration endpoints listen on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The transport behind the endpoints. */
  public ApiGatewayTransport transport() {
    return transport;
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      TransportResponse response = route(exchange);
      if (response.status() >= 400) {
        LOG.debug(
            "{} {} answered {}",
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            response.status());
      }
      respond(exchange, response);
    } catch (RuntimeException e) {
      LOG.error("Serving {} failed", exchange.getRequestURI().getPath(), e);
    }
  }

  private TransportResponse route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    if (path.equals(HEALTH)) {
      Health health = application.health();
      return TransportResponse.text(health.httpStatus(), health.text());
    }
    String route = path.substring(Math.max(path.lastIndexOf('/'), 0));
    if (!route.equals(CONNECT) && !route.equals(DEFAULT) && !route.equals(DISCONNECT)) {
      return TransportResponse.empty(404);
    }
    if (!"POST".equals(method)) {
      return TransportResponse.empty(405);
    }
    String connectionId = exchange.getRequestHeaders().getFirst(CONNECTION_ID);
    if (connectionId == null || connectionId.isEmpty()) {
      return TransportResponse.text(400, "The connectionId header is required.");
    }
    byte[] body = IntegrationRequests.body(exchange, ApiGatewayOptions.MAX_MESSAGE_SIZE);
    if (body == null) {
      return TransportResponse.empty(413);
    }
    switch (route) {
      case CONNECT:
        String hubPath = path.substring(0, path.length() - CONNECT.length());
        try {
          return transport.connect(
              connectionId, IntegrationRequests.clientRequest(exchange, hubPath));
        } catch (IllegalArgumentException badHeader) {
          return TransportResponse.empty(400);
        }
      case DEFAULT:
        return transport.message(connectionId, body);
      default:
        return transport.disconnect(connectionId);
    }
  }

  private static void respond(HttpExchange exchange, TransportResponse response) throws IOException {
    byte[] body = response.body();
    if (response.contentType() != null) {
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
    }
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /**
   * Stops taking requests, stops the application (its hubs' last words still go out), then the
   * transport once its queued {@code @connections} requests are sent.
   */
  @Override
  public void close() {
    server.stop(0);
    try {
      application.stop(shutdownTimeout);
    } finally {
      transport.close();
      threads.shutdown();
    }
    try {
      threads.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Configures an {@link ApiGatewayServer}; {@link #start()} starts it. */
  public static final class Builder {
    private final SwitchboardApplication application;
    private final ApiGatewayOptions options;
    private String host = "0.0.0.0";
    private int port = 8080;
    private int threads = 16;
    private Duration shutdownTimeout = Duration.ofSeconds(10);

    private Builder(SwitchboardApplication application, ApiGatewayOptions options) {
      this.application = Objects.requireNonNull(application, "application");
      this.options = Objects.requireNonNull(options, "options");
    }

    /** The address to listen on; all by default. */
    public Builder host(String value) {
      host = Objects.requireNonNull(value);
      return this;
    }

    /** The port to listen on; 8080 by default, 0 for a free one. */
    public Builder port(int value) {
      port = value;
      return this;
    }

    /** How many integration requests are served at once; 16 by default. */
    public Builder threads(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("threads must be positive: " + value);
      }
      threads = value;
      return this;
    }

    /** How long {@link ApiGatewayServer#close()} lets the application stop; 10 s by default. */
    public Builder shutdownTimeout(Duration value) {
      shutdownTimeout = Objects.requireNonNull(value);
      return this;
    }

    /** Starts the server. */
    public ApiGatewayServer start() throws IOException {
      return new ApiGatewayServer(this);
    }
  }
}
