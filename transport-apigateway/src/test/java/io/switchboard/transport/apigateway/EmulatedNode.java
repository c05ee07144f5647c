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
 * One Switchboard node behind its own emulated API Gateway: {@link EmulatedHub} on {@code /hub}
 * (the token in {@code access_token} is the user's name), served by an {@link ApiGatewayServer}
 * whose {@code @connections} client talks to the emulator.
 */
final class EmulatedNode implements AutoCloseable {
  static final String HUB = "/hub";

  private final ApiGatewayEmulator emulator;
  private final ApiGatewayServer server;
  private final RedisBackplane backplane;

  /**
   * Starts a node.
   *
   * @param redisUri the backplane's Redis, or null for none
   * @param keepAlive the hub's keep-alive interval
   */
  EmulatedNode(String redisUri, Duration keepAlive) throws Exception {
    this.emulator = new ApiGatewayEmulator();
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
    ApiGatewayOptions options =
        ApiGatewayOptions.builder(emulator.connectionsEndpoint())
            .region(Region.US_EAST_1)
            .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build();
    this.server = ApiGatewayServer.builder(application.build(), options).host("127.0.0.1").port(0).start();
    emulator.integrate(URI.create("http://127.0.0.1:" + server.port() + HUB));
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
      emulator.close();
    } finally {
      if (backplane != null) {
        backplane.close();
      }
    }
  }
}
