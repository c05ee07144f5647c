package io.switchboard.deploy.cdk;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: {@code SwitchboardChat} (the backplane on ElastiCache for Redis, as the guide),
 * {@code SwitchboardChatMemoryDb} (on MemoryDB, with an ACL user and TLS) and {@code
 * SwitchboardApiGateway} (a WebSocket API in front of a service running {@code ApiGatewayServer}).
 * The images come from the context values {@code image} and {@code apiGatewayImage} (cdk.json, or
 * {@code cdk deploy -c image=...}). No lookups: the
 * stacks are environment-agnostic and synthesize without an AWS account.
 */
public final class SwitchboardApp {
  private SwitchboardApp() {}

  /** Synthesizes the stacks into cdk.out. */
  public static void main(String[] args) {
    App app = new App();
    define(app, (String) app.getNode().tryGetContext("image"),
        (String) app.getNode().tryGetContext("apiGatewayImage"));
    app.synth();
  }

  /**
   * Adds the stacks to {@code app}: the chat's run {@code image}, the API Gateway one {@code
   * apiGatewayImage} (or {@code image} when null).
   */
  static void define(App app, String image, String apiGatewayImage) {
    new ChatStack(app, "SwitchboardChat", StackProps.builder().build(), image, ElastiCacheRedis::new);
    new ChatStack(app, "SwitchboardChatMemoryDb", StackProps.builder().build(), image, MemoryDbRedis::new);
    new ApiGatewayStack(app, "SwitchboardApiGateway", StackProps.builder().build(),
        apiGatewayImage == null ? image : apiGatewayImage, ElastiCacheRedis::new);
  }
}
