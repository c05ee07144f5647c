package io.switchboard.deploy.cdk;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigateway.VpcLink;
import software.amazon.awscdk.services.apigatewayv2.CfnApi;
import software.amazon.awscdk.services.apigatewayv2.CfnIntegration;
import software.amazon.awscdk.services.apigatewayv2.CfnRoute;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
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
import software.amazon.awscdk.services.elasticloadbalancingv2.AddNetworkTargetsProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseNetworkListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.NetworkListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.NetworkLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.Protocol;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * Switchboard behind an API Gateway WebSocket API (module {@code switchboard-transport-apigateway}):
 * API Gateway owns the clients' sockets and calls the service's integration endpoints over a VPC
 * link, an HTTP proxy integration per route ({@code $connect} to {@code POST /hub/connect}, {@code
 * $default} to {@code /hub/default}, {@code $disconnect} to {@code /hub/disconnect}) with API
 * Gateway's connection id mapped into the {@code connectionId} header and, on {@code $connect},
 * the client's {@code access_token} (browsers) and {@code Authorization} header (Node, Java,
 * .NET clients) passed on. The service pushes through the stage's {@code @connections} API
 * ({@code APIGW_CONNECTIONS_URL}, IAM {@code execute-api:ManageConnections}).
 *
 * <p>WebSocket APIs reach a VPC only through a (REST-style) VPC link to a Network Load Balancer,
 * so the service sits behind an internal NLB. It runs {@link #TASKS} tasks: a connection lives on
 * the task that took its {@code $connect}, and the NLB spreads its later routes over all of them,
 * so the service forwards each to its owner over Redis (ElastiCache), the backplane (which also
 * carries groups, users and other nodes' connections).
 */
public final class ApiGatewayStack extends Stack {
  /** The port of the integration endpoints in the container. */
  static final int CONTAINER_PORT = 8080;
  /** The stage the clients connect to: {@code wss://{api}.execute-api.{region}.amazonaws.com/production}. */
  static final String STAGE = "production";
  /** The hub's path on the service (the integration URIs end in {@code /connect}, ...). */
  static final String HUB_PATH = "/hub";
  /** The service's tasks; any count works, since each forwards what is not its own over Redis. */
  static final int TASKS = 2;
  /** API Gateway's longest integration timeout; the endpoints answer at once. */
  static final int INTEGRATION_TIMEOUT_MILLIS = 29_000;

  /** Builds the stack with the service's {@code image} and the backplane {@code backplane} makes. */
  public ApiGatewayStack(
      Construct scope, String id, StackProps props, String image, ChatBackplane.Factory backplane) {
    super(scope, id, props);
    Vpc vpc = Vpc.Builder.create(this, "Vpc").maxAzs(2).natGateways(1).build();
    ChatBackplane redis = backplane.create(this, "Backplane", vpc);

    CfnApi api = CfnApi.Builder.create(this, "WebSocketApi")
        .name("switchboard")
        .protocolType("WEBSOCKET")
        // SignalR's records have no 'action': every message takes $default.
        .routeSelectionExpression("$request.body.action")
        .build();
    String connectionsUrl = Fn.join("", List.of(
        "https://", api.getRef(), ".execute-api.", getRegion(), ".", getUrlSuffix(), "/", STAGE));

    Cluster cluster = Cluster.Builder.create(this, "Cluster").vpc(vpc).build();
    FargateTaskDefinition task = FargateTaskDefinition.Builder.create(this, "Task")
        .cpu(512).memoryLimitMiB(1024).build();
    Map<String, String> environment = new HashMap<>(redis.environment());
    environment.put("PORT", String.valueOf(CONTAINER_PORT));
    environment.put("APIGW_CONNECTIONS_URL", connectionsUrl);
    task.addContainer("switchboard", ContainerDefinitionOptions.builder()
        .image(ContainerImage.fromRegistry(image))
        .portMappings(List.of(PortMapping.builder().containerPort(CONTAINER_PORT).build()))
        .environment(environment)
        .secrets(redis.secrets())
        .logging(LogDriver.awsLogs(AwsLogDriverProps.builder().streamPrefix("switchboard").build()))
        .build());
    // Pushes (POST), reads (GET) and closes (DELETE) of this stage's connections only.
    task.getTaskRole().addToPrincipalPolicy(PolicyStatement.Builder.create()
        .actions(List.of("execute-api:ManageConnections"))
        .resources(List.of(Fn.join("", List.of(
            "arn:", getPartition(), ":execute-api:", getRegion(), ":", getAccount(), ":",
            api.getRef(), "/", STAGE, "/*/@connections/*"))))
        .build());
    FargateService service = FargateService.Builder.create(this, "Service")
        .cluster(cluster).taskDefinition(task).desiredCount(TASKS).build();
    redis.allowFrom(service);
    service.getConnections().allowFrom(Peer.ipv4(vpc.getVpcCidrBlock()), Port.tcp(CONTAINER_PORT),
        "API Gateway's VPC link through the NLB");

    NetworkLoadBalancer nlb = NetworkLoadBalancer.Builder.create(this, "Nlb")
        .vpc(vpc).internetFacing(false).build();
    NetworkListener listener = nlb.addListener("Http", BaseNetworkListenerProps.builder()
        .port(80).protocol(Protocol.TCP).build());
    listener.addTargets("Switchboard", AddNetworkTargetsProps.builder()
        .port(CONTAINER_PORT)
        .protocol(Protocol.TCP)
        .targets(List.of(service.loadBalancerTarget(LoadBalancerTargetOptions.builder()
            .containerName("switchboard").containerPort(CONTAINER_PORT).build())))
        .healthCheck(HealthCheck.builder()
            .protocol(Protocol.HTTP).path("/health").healthyHttpCodes("200")
            .interval(Duration.seconds(10)).build())
        .deregistrationDelay(Duration.seconds(30))
        .build());
    VpcLink link = VpcLink.Builder.create(this, "VpcLink").targets(List.of(nlb)).build();

    CfnIntegration connect = integration(api, link, nlb, "Connect", "connect", Map.of(
        "integration.request.header.connectionId", "context.connectionId",
        "integration.request.querystring.access_token", "route.request.querystring.access_token",
        "integration.request.header.Authorization", "route.request.header.Authorization"));
    CfnIntegration message = integration(api, link, nlb, "Default", "default", Map.of(
        "integration.request.header.connectionId", "context.connectionId"));
    CfnIntegration disconnect = integration(api, link, nlb, "Disconnect", "disconnect", Map.of(
        "integration.request.header.connectionId", "context.connectionId"));
    CfnRoute connectRoute = route(api, "ConnectRoute", "$connect", connect);
    connectRoute.setRequestParameters(Map.of(
        "route.request.querystring.access_token", Map.of("Required", false),
        "route.request.header.Authorization", Map.of("Required", false)));
    route(api, "DefaultRoute", "$default", message);
    route(api, "DisconnectRoute", "$disconnect", disconnect);

    CfnStage.Builder.create(this, "Stage")
        .apiId(api.getRef())
        .stageName(STAGE)
        .autoDeploy(true)
        .build();

    CfnOutput.Builder.create(this, "ClientUrl")
        .value(Fn.join("", List.of("https://", api.getRef(), ".execute-api.", getRegion(), ".",
            getUrlSuffix(), "/", STAGE)))
        .description("The official clients' URL (skipNegotiation, WebSockets)")
        .build();
  }

  private CfnIntegration integration(CfnApi api, VpcLink link, NetworkLoadBalancer nlb, String id,
      String route, Map<String, String> parameters) {
    return CfnIntegration.Builder.create(this, id + "Integration")
        .apiId(api.getRef())
        .integrationType("HTTP_PROXY")
        .integrationMethod("POST")
        .connectionType("VPC_LINK")
        .connectionId(link.getVpcLinkId())
        .integrationUri("http://" + nlb.getLoadBalancerDnsName() + HUB_PATH + "/" + route)
        .requestParameters(parameters)
        .timeoutInMillis(INTEGRATION_TIMEOUT_MILLIS)
        .build();
  }

  private CfnRoute route(CfnApi api, String id, String key, CfnIntegration target) {
    return CfnRoute.Builder.create(this, id)
        .apiId(api.getRef())
        .routeKey(key)
        .target("integrations/" + target.getRef())
        .build();
  }
}
