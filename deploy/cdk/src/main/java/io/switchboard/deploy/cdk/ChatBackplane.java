package io.switchboard.deploy.cdk;

import java.util.Map;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ecs.Secret;
import software.constructs.Construct;

/**
 * The Redis the chat servers share as their backplane, and how the task reaches it: the {@code
 * REDIS_URL} the chat example reads, as a plain variable or as a secret.
 */
public interface ChatBackplane {

  /** The variables for the chat container (e.g. {@code REDIS_URL} when it holds no password). */
  Map<String, String> environment();

  /** The secrets for the chat container (e.g. {@code REDIS_URL} when it holds a password). */
  Map<String, Secret> secrets();

  /** Lets {@code client} (the Fargate service) connect to the Redis port. */
  void allowFrom(IConnectable client);

  /** Makes a backplane in a VPC's private subnets. */
  @FunctionalInterface
  interface Factory {
    /** Creates the backplane's resources under {@code scope}. */
    ChatBackplane create(Construct scope, String id, IVpc vpc);
  }
}
