package io.switchboard.deploy.cdk;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: {@code SwitchboardChat} (the backplane on ElastiCache for Redis, as the guide) and
 * {@code SwitchboardChatMemoryDb} (on MemoryDB, with an ACL user and TLS). The image comes from the
 * context value {@code image} (cdk.json, or {@code cdk deploy -c image=...}). No lookups: the
 * stacks are environment-agnostic and synthesize without an AWS account.
 */
public final class SwitchboardApp {
  private SwitchboardApp() {}

  /** Synthesizes both stacks into cdk.out. */
  public static void main(String[] args) {
    App app = new App();
    define(app, (String) app.getNode().tryGetContext("image"));
    app.synth();
  }

  /** Adds both stacks to {@code app}, running {@code image}. */
  static void define(App app, String image) {
    new ChatStack(app, "SwitchboardChat", StackProps.builder().build(), image, ElastiCacheRedis::new);
    new ChatStack(app, "SwitchboardChatMemoryDb", StackProps.builder().build(), image, MemoryDbRedis::new);
  }
}
