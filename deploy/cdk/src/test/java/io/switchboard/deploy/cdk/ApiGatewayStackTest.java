package io.switchboard.deploy.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The API Gateway stack synthesized and checked, and {@code deploy/apigateway/serverless.yml}
 * checked against it: the same API, routes, integrations and stage.
 */
class ApiGatewayStackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Template template;
  private static JsonNode serverless;

  @BeforeAll
  static void synthesize() throws Exception {
    App app = new App();
    SwitchboardApp.define(app, "chat:test", "switchboard-apigateway:test");
    template = Template.fromStack((Stack) app.getNode().findChild("SwitchboardApiGateway"));
    serverless = new ObjectMapper(new YAMLFactory())
        .readTree(Path.of("../apigateway/serverless.yml").toFile())
        .path("resources").path("Resources");
  }

  @Test
  void aWebSocketApiWhoseMessagesAllTakeTheDefaultRoute() {
    template.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of(
        "ProtocolType", "WEBSOCKET",
        "RouteSelectionExpression", "$request.body.action"));
    template.resourceCountIs("AWS::ApiGatewayV2::Route", 3);
    for (String key : List.of("$connect", "$default", "$disconnect")) {
      template.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of("RouteKey", key));
    }
    template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of(
        "StageName", ApiGatewayStack.STAGE, "AutoDeploy", true));
  }

  @Test
  void eachRouteIsAnHttpProxyThroughTheVpcLinkWithTheConnectionIdHeader() {
    for (String route : List.of("connect", "default", "disconnect")) {
      template.hasResourceProperties("AWS::ApiGatewayV2::Integration", Map.of(
          "IntegrationType", "HTTP_PROXY",
          "IntegrationMethod", "POST",
          "ConnectionType", "VPC_LINK",
          "TimeoutInMillis", ApiGatewayStack.INTEGRATION_TIMEOUT_MILLIS,
          "IntegrationUri", Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(
              Match.arrayWith(List.of(ApiGatewayStack.HUB_PATH + "/" + route)))))),
          "RequestParameters", Match.objectLike(Map.of(
              "integration.request.header.connectionId", "context.connectionId"))));
    }
    template.hasResourceProperties("AWS::ApiGatewayV2::Integration", Map.of(
        "RequestParameters", Map.of(
            "integration.request.header.connectionId", "context.connectionId",
            "integration.request.querystring.access_token", "route.request.querystring.access_token",
            "integration.request.header.Authorization", "route.request.header.Authorization")));
    template.resourceCountIs("AWS::ApiGateway::VpcLink", 1);
    template.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of(
        "Type", "network", "Scheme", "internal"));
  }

  @Test
  void theServiceMayManageTheStagesConnectionsAndKnowsTheirUrl() {
    template.hasResourceProperties("AWS::IAM::Policy", Map.of(
        "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(
            Match.objectLike(Map.of("Action", "execute-api:ManageConnections", "Effect", "Allow"))))))));
    template.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
        "ContainerDefinitions", List.of(Match.objectLike(Map.of(
            "Image", "switchboard-apigateway:test",
            "Environment", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Name", "APIGW_CONNECTIONS_URL")),
                Match.objectLike(Map.of("Name", "REDIS_URL")))))))));
  }

  @Test
  void severalTasksShareTheRedisBackplane() {
    assertTrue(ApiGatewayStack.TASKS > 1);
    template.hasResourceProperties("AWS::ECS::Service", Map.of("DesiredCount", ApiGatewayStack.TASKS));
    template.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
        "ContainerDefinitions", List.of(Match.objectLike(Map.of(
            "Environment", Match.arrayWith(List.of(Match.objectLike(Map.of("Name", "REDIS_URL")))))))));
  }

  @Test
  void theServerlessDefinitionHasTheSameApi() {
    JsonNode api = only("AWS::ApiGatewayV2::Api");
    JsonNode yamlApi = serverless.path("WebSocketApi").path("Properties");
    assertEquals(api.path("ProtocolType"), yamlApi.path("ProtocolType"));
    assertEquals(api.path("RouteSelectionExpression"), yamlApi.path("RouteSelectionExpression"));
    JsonNode stage = only("AWS::ApiGatewayV2::Stage");
    assertEquals(stage.path("StageName"), serverless.path("Stage").path("Properties").path("StageName"));
  }

  @Test
  void theServerlessDefinitionHasTheSameRoutesAndIntegrations() {
    assertEquals(routes(properties("AWS::ApiGatewayV2::Route")), routes(yaml("AWS::ApiGatewayV2::Route")));
    assertEquals(integrations(properties("AWS::ApiGatewayV2::Integration")),
        integrations(yaml("AWS::ApiGatewayV2::Integration")));
  }

  /** Route key to its request parameters. */
  private static Map<String, JsonNode> routes(List<JsonNode> routes) {
    Map<String, JsonNode> byKey = new TreeMap<>();
    routes.forEach(route -> byKey.put(route.path("RouteKey").asText(), route.path("RequestParameters")));
    return byKey;
  }

  /** Each integration's type, method, connection type, timeout and parameters, by its route. */
  private static Map<String, List<JsonNode>> integrations(List<JsonNode> integrations) {
    Map<String, List<JsonNode>> byRoute = new TreeMap<>();
    for (JsonNode integration : integrations) {
      String uri = integration.path("IntegrationUri").toString();
      String route = uri.replaceAll("(?s).*" + ApiGatewayStack.HUB_PATH + "/(\\w+).*", "$1");
      byRoute.put(route, List.of(integration.path("IntegrationType"), integration.path("IntegrationMethod"),
          integration.path("ConnectionType"), integration.path("TimeoutInMillis"),
          integration.path("RequestParameters")));
    }
    return byRoute;
  }

  private static JsonNode only(String type) {
    List<JsonNode> all = properties(type);
    assertEquals(1, all.size(), type);
    return all.get(0);
  }

  private static List<JsonNode> properties(String type) {
    return template.findResources(type).values().stream()
        .map(resource -> JSON.valueToTree(resource).path("Properties"))
        .toList();
  }

  private static List<JsonNode> yaml(String type) {
    List<JsonNode> found = new ArrayList<>();
    serverless.forEach(resource -> {
      if (type.equals(resource.path("Type").asText())) {
        found.add(resource.path("Properties"));
      }
    });
    return found;
  }
}
