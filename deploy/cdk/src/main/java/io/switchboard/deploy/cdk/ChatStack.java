package io.switchboard.deploy.cdk;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LoadBalancerTargetOptions;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationTargetGroupsProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocolVersion;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.constructs.Construct;

/**
 * The guide's example infrastructure for the chat example: a VPC (two zones, one NAT gateway), an
 * internet-facing Application Load Balancer, a Fargate service running the image of {@code
 * deploy/ecs/Dockerfile}, and a Redis backplane the service's tasks share. The target group is the
 * guide's: IP targets over HTTP/1.1, sticky sessions by the ALB's cookie for one day (every request
 * of a SignalR connection must reach the node that negotiated it), {@code GET /health} with
 * healthy 3, unhealthy 10, every 10 s, 8 s timeout, {@code 200}.
 */
public final class ChatStack extends Stack {
  /** The port the chat container listens on (the image's {@code PORT}). */
  static final int CONTAINER_PORT = 8080;
  /** How long a SIGTERM keeps serving before the clients are closed with allowReconnect. */
  static final Duration DRAIN = Duration.seconds(10);
  /** SIGTERM to SIGKILL: the drain and the time to close. */
  static final Duration STOP_TIMEOUT = Duration.seconds(30);

  /** Builds the stack with {@code image} (a registry image name) and the backplane {@code backplane} makes. */
  public ChatStack(Construct scope, String id, StackProps props, String image, ChatBackplane.Factory backplane) {
    super(scope, id, props);
    Vpc vpc = Vpc.Builder.create(this, "Vpc").maxAzs(2).natGateways(1).build();
    ChatBackplane redis = backplane.create(this, "Backplane", vpc);

    Cluster cluster = Cluster.Builder.create(this, "Cluster").vpc(vpc).build();
    FargateTaskDefinition task = FargateTaskDefinition.Builder.create(this, "Task")
        .cpu(512).memoryLimitMiB(1024).build();
    Map<String, String> environment = new HashMap<>(redis.environment());
    environment.put("DRAIN_MS", String.valueOf(DRAIN.toMilliseconds().longValue()));
    task.addContainer("chat", ContainerDefinitionOptions.builder()
        .image(ContainerImage.fromRegistry(image))
        .portMappings(List.of(PortMapping.builder().name("http").containerPort(CONTAINER_PORT).build()))
        .environment(environment)
        .secrets(redis.secrets())
        .stopTimeout(STOP_TIMEOUT)
        .logging(LogDriver.awsLogs(AwsLogDriverProps.builder().streamPrefix("chat").build()))
        .build());
    FargateService service = FargateService.Builder.create(this, "Service")
        .cluster(cluster).taskDefinition(task).desiredCount(2).minHealthyPercent(100).build();
    redis.allowFrom(service);

    // The ALB's idle timeout, written out: a long poll must end before it (longPollTimeout)
    ApplicationLoadBalancer alb = ApplicationLoadBalancer.Builder.create(this, "Alb")
        .vpc(vpc).internetFacing(true).idleTimeout(Duration.seconds(60)).build();
    ApplicationListener listener = alb.addListener("Http", BaseApplicationListenerProps.builder()
        .port(80).protocol(ApplicationProtocol.HTTP).open(true).build());
    ApplicationTargetGroup targets = ApplicationTargetGroup.Builder.create(this, "Targets")
        .vpc(vpc)
        .targetType(TargetType.IP)
        .protocol(ApplicationProtocol.HTTP)
        .protocolVersion(ApplicationProtocolVersion.HTTP1)
        .port(CONTAINER_PORT)
        .stickinessCookieDuration(Duration.days(1))
        // A stopping task keeps its connections this long before ECS sends it SIGTERM
        .deregistrationDelay(Duration.seconds(30))
        .healthCheck(HealthCheck.builder()
            .path("/health")
            .healthyHttpCodes("200")
            .healthyThresholdCount(3)
            .unhealthyThresholdCount(10)
            .interval(Duration.seconds(10))
            .timeout(Duration.seconds(8))
            .build())
        .targets(List.of(service.loadBalancerTarget(LoadBalancerTargetOptions.builder()
            .containerName("chat").containerPort(CONTAINER_PORT).build())))
        .build();
    listener.addTargetGroups("Chat", AddApplicationTargetGroupsProps.builder().targetGroups(List.of(targets)).build());

    CfnOutput.Builder.create(this, "Url").value("http://" + alb.getLoadBalancerDnsName() + "/").build();
  }
}
