package io.switchboard.deploy.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Both stacks of the app synthesized (no AWS account, no lookups) and checked resource by resource. */
class ChatStackTest {
  private static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/switchboard-chat:test";
  private static Template elastiCache;
  private static Template memoryDb;

  @BeforeAll
  static void synthesize() {
    App app = new App();
    SwitchboardApp.define(app, IMAGE, null);
    elastiCache = Template.fromStack((Stack) app.getNode().findChild("SwitchboardChat"));
    memoryDb = Template.fromStack((Stack) app.getNode().findChild("SwitchboardChatMemoryDb"));
  }

  /** Task definition properties whose only container has (at least) {@code properties}. */
  private static Map<String, Object> containerLike(Map<String, Object> properties) {
    return Map.of("ContainerDefinitions", List.of(Match.objectLike(properties)));
  }

  private static Map<String, Object> attribute(String key, String value) {
    return Map.of("Key", key, "Value", value);
  }

  @Test
  void theTargetGroupIsTheGuides() {
    for (Template template : List.of(elastiCache, memoryDb)) {
      template.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Map.of(
          "TargetType", "ip",
          "Protocol", "HTTP",
          "ProtocolVersion", "HTTP1",
          "Port", ChatStack.CONTAINER_PORT,
          "HealthCheckPath", "/health",
          "HealthyThresholdCount", 3,
          "UnhealthyThresholdCount", 10,
          "HealthCheckIntervalSeconds", 10,
          "HealthCheckTimeoutSeconds", 8,
          "Matcher", Map.of("HttpCode", "200")));
      template.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Map.of(
          "TargetGroupAttributes", Match.arrayWith(List.of(
              attribute("deregistration_delay.timeout_seconds", "30"),
              attribute("stickiness.enabled", "true"),
              attribute("stickiness.type", "lb_cookie"),
              attribute("stickiness.lb_cookie.duration_seconds", "86400")))));
    }
  }

  @Test
  void anInternetFacingAlbWithASixtySecondIdleTimeoutForwardsPortEightyToTheTargetGroup() {
    elastiCache.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of(
        "Scheme", "internet-facing",
        "Type", "application",
        "LoadBalancerAttributes", Match.arrayWith(List.of(attribute("idle_timeout.timeout_seconds", "60")))));
    Capture targetGroup = new Capture();
    elastiCache.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of(
        "Port", 80,
        "Protocol", "HTTP",
        "DefaultActions", List.of(Map.of("Type", "forward", "TargetGroupArn", Map.of("Ref", targetGroup)))));
    assertEquals(List.of(targetGroup.asString()),
        List.copyOf(elastiCache.findResources("AWS::ElasticLoadBalancingV2::TargetGroup").keySet()));
  }

  @Test
  void aFargateServiceOfTwoTasksBehindTheTargetGroupWithTheDrainAndTheStopTimeout() {
    elastiCache.hasResourceProperties("AWS::ECS::Service", Map.of(
        "LaunchType", "FARGATE",
        "DesiredCount", 2,
        "LoadBalancers", List.of(Map.of(
            "ContainerName", "chat",
            "ContainerPort", ChatStack.CONTAINER_PORT,
            "TargetGroupArn", Match.anyValue()))));
    elastiCache.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
        "RequiresCompatibilities", List.of("FARGATE"),
        "NetworkMode", "awsvpc",
        "ContainerDefinitions", List.of(Match.objectLike(Map.of(
            "Name", "chat",
            "Image", IMAGE,
            "PortMappings", List.of(Match.objectLike(Map.of("ContainerPort", ChatStack.CONTAINER_PORT))),
            "Environment", Match.arrayWith(List.of(Map.of("Name", "DRAIN_MS", "Value", "10000"))),
            "StopTimeout", 30)))));
    assertTrue(ChatStack.STOP_TIMEOUT.toSeconds().longValue() * 1000 > ChatStack.DRAIN.toMilliseconds().longValue());
  }

  @Test
  void theVpcHasOneNatGateway() {
    elastiCache.resourceCountIs("AWS::EC2::NatGateway", 1);
    elastiCache.resourceCountIs("AWS::EC2::VPC", 1);
  }

  @Test
  void elastiCacheRedisIsWiredIntoTheTasksRedisUrl() {
    elastiCache.resourceCountIs("AWS::ElastiCache::CacheCluster", 1);
    elastiCache.hasResourceProperties("AWS::ElastiCache::CacheCluster", Map.of(
        "Engine", "redis", "NumCacheNodes", 1, "CacheSubnetGroupName", Match.anyValue()));
    String cache = elastiCache.findResources("AWS::ElastiCache::CacheCluster").keySet().iterator().next();
    Map<String, Object> url = Map.of("Fn::Join", List.of("", List.of(
        "redis://",
        Map.of("Fn::GetAtt", List.of(cache, "RedisEndpoint.Address")),
        ":",
        Map.of("Fn::GetAtt", List.of(cache, "RedisEndpoint.Port")))));
    elastiCache.hasResourceProperties("AWS::ECS::TaskDefinition", containerLike(Map.of(
        "Environment", Match.arrayWith(List.of(Map.of("Name", "REDIS_URL", "Value", url))))));
  }

  @Test
  void onlyTheServiceReachesRedis() {
    Capture service = new Capture();
    elastiCache.hasResourceProperties("AWS::EC2::SecurityGroupIngress", Map.of(
        "IpProtocol", "tcp", "FromPort", 6379, "ToPort", 6379,
        "SourceSecurityGroupId", Map.of("Fn::GetAtt", List.of(service, "GroupId"))));
    assertTrue(service.asString().startsWith("Service"), service.asString());
  }

  @Test
  void memoryDbHasAnAclUserWithAPasswordAndTls() {
    memoryDb.resourceCountIs("AWS::ElastiCache::CacheCluster", 0);
    memoryDb.hasResourceProperties("AWS::MemoryDB::User", Map.of(
        "UserName", MemoryDbRedis.USER,
        "AuthenticationMode", Map.of("Type", "password", "Passwords", List.of(Match.anyValue()))));
    memoryDb.hasResourceProperties("AWS::MemoryDB::ACL", Map.of("UserNames", List.of(MemoryDbRedis.USER)));
    memoryDb.hasResourceProperties("AWS::MemoryDB::Cluster", Map.of(
        "TLSEnabled", true, "ACLName", "switchboard-chat", "Port", 6379));
  }

  @Test
  void memoryDbsRedisUrlIsARedissUrlWithTheUserGivenToTheTaskAsASecret() {
    Capture url = new Capture();
    memoryDb.hasResourceProperties("AWS::ECS::TaskDefinition", containerLike(Map.of(
        "Secrets", List.of(Map.of("Name", "REDIS_URL", "ValueFrom", Map.of("Ref", url))))));
    memoryDb.hasResourceProperties("AWS::ECS::TaskDefinition", containerLike(Map.of(
        "Environment", Match.not(Match.arrayWith(List.of(Match.objectLike(Map.of("Name", "REDIS_URL"))))))));
    Map<String, Map<String, Object>> secrets = memoryDb.findResources("AWS::SecretsManager::Secret");
    @SuppressWarnings("unchecked")
    Map<String, Object> properties = (Map<String, Object>) secrets.get(url.asString()).get("Properties");
    String secretString = properties.get("SecretString").toString();
    assertTrue(secretString.startsWith("{Fn::Join=[, [rediss://" + MemoryDbRedis.USER + ":{{resolve:secretsmanager:"),
        secretString);
    assertTrue(secretString.contains("ClusterEndpoint.Address"), secretString);
  }
}
