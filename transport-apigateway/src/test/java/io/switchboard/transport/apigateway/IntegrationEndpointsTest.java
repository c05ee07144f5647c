package io.switchboard.transport.apigateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the integration endpoints answer to requests that API Gateway would not send as they are. */
class IntegrationEndpointsTest {
  private static EmulatedNode node;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    node = new EmulatedNode(null, Duration.ofSeconds(15));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static HttpResponse<String> post(String path, String connectionId, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.server().port() + path))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (connectionId != null) {
      request.header("connectionId", connectionId);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aRouteWithoutAConnectionIdIsABadRequest() throws Exception {
    HttpResponse<String> response = post("/hub/default", null, "{}");
    assertEquals(400, response.statusCode());
    assertEquals("The connectionId header is required.", response.body());
  }

  @Test
  void aMessageForAnUnknownConnectionIsGone() throws Exception {
    HttpResponse<String> response = post("/hub/default", "unknown=", "{}\u001e");
    assertEquals(410, response.statusCode());
    assertEquals("No Connection with that ID", response.body());
  }

  @Test
  void aConnectWithoutATokenIsUnauthorized() throws Exception {
    assertEquals(401, post("/hub/connect", "abc=", "").statusCode());
  }

  @Test
  void aConnectToAPathWithoutAHubIsNotFound() throws Exception {
    assertEquals(404, post("/nothing/connect?access_token=alice", "abc=", "").statusCode());
  }

  @Test
  void anUnknownRouteIsNotFoundAndAGetNotAllowed() throws Exception {
    assertEquals(404, post("/hub/other", "abc=", "").statusCode());
    HttpResponse<String> get =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + node.server().port() + "/hub/connect"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(405, get.statusCode());
  }

  @Test
  void aDisconnectOfAnUnknownConnectionIsFine() throws Exception {
    assertEquals(200, post("/hub/disconnect", "unknown=", "").statusCode());
  }

  @Test
  void theHealthEndpointReportsTheApplication() throws Exception {
    HttpResponse<String> health =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.server().port() + "/health"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode());
    assertEquals("Healthy", health.body());
  }
}
