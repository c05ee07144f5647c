package io.switchboard.transport.apigateway;

import io.switchboard.auth.AuthenticatedUser;
import io.switchboard.auth.BearerTokenAuthenticator;
import io.switchboard.backplane.redis.RedisBackplane;
import io.switchboard.server.SwitchboardApplication;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * One Switchboard node behind its own emulated API Gateway, or one of several behind a shared one
 * ({@link #behind}): {@link EmulatedHub} on {@code /hub} (the token in {@code access_token} is the
 * user's name), served by an {@link ApiGatewayServer} whose {@code @connections} client talks to
 * the emulator.
 */
final class EmulatedNode implements AutoCloseable {
  static final String HUB = "/hub";

  private final ApiGatewayEmulator emulator;
  /** Whether {@link #close} closes the emulator: not a shared one. */
  private final boolean ownsEmulator;
  private final ApiGatewayServer server;
  private final RedisBackplane backplane;

  /**
   * Starts a node.
   *
   * @param redisUri the backplane's Redis, or null for none
   * @param keepAlive the hub's keep-alive interval
   */
  EmulatedNode(String redisUri, Duration keepAlive) throws Exception {
    this(new ApiGatewayEmulator(), true, redisUri, keepAlive);
    emulator.integrate(integration());
  }

  /**
   * Starts a node behind {@code shared}, forwarding over the Redis backplane what is not its own
   * ({@link ApiGatewayEmulator#integrate} names the nodes once they all run).
   */
  static EmulatedNode behind(ApiGatewayEmulator shared, String redisUri) throws Exception {
    return new EmulatedNode(shared, false, redisUri, Duration.ofSeconds(15));
  }

  private EmulatedNode(
      ApiGatewayEmulator emulator, boolean ownsEmulator, String redisUri, Duration keepAlive)
      throws Exception {
    this.emulator = emulator;
    this.ownsEmulator = ownsEmulator;
    this.backplane = redisUri == null ? null : RedisBackplane.create(redisUri);
    SwitchboardApplication.Builder application =
        SwitchboardApplication.builder()
            .hub(
                HUB,
                EmulatedHub.class,
                options ->
                    options
                        .keepAliveInterval(keepAlive)
                        .authenticator(
                            new BearerTokenAuthenticator(
                                token -> Optional.of(new AuthenticatedUser(token, Map.of(), null)))));
    if (backplane != null) {
      application.backplane(backplane);
    }
    ApiGatewayOptions.Builder options =
        ApiGatewayOptions.builder(emulator.connectionsEndpoint())
            .region(Region.US_EAST_1)
            .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
    if (!ownsEmulator) {
      options.backplane(backplane);
    }
    this.server =
        ApiGatewayServer.builder(application.build(), options.build()).host("127.0.0.1").port(0).start();
  }

  /** The hub's integration base on this node. */
  URI integration() {
    return URI.create("http://127.0.0.1:" + server.port() + HUB);
  }

  /** Where the clients connect. */
  String clientUrl() {
    return emulator.clientUrl();
  }

  ApiGatewayServer server() {
    return server;
  }

  ApiGatewayEmulator emulator() {
    return emulator;
  }

  @Override
  public void close() {
    try {
      server.close();
      if (ownsEmulator) {
        emulator.close();
      }
    } finally {
      if (backplane != null) {
        backplane.close();
      }
    }
  }
}
