package io.switchboard.connection;

import static io.switchboard.connection.TestRequests.negotiate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NegotiateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern BASE64URL_128_BITS = Pattern.compile("[A-Za-z0-9_-]{22}");
  private static final String ALL_TRANSPORTS =
      "[{\"transport\":\"WebSockets\",\"transferFormats\":[\"Text\",\"Binary\"]},"
          + "{\"transport\":\"ServerSentEvents\",\"transferFormats\":[\"Text\"]},"
          + "{\"transport\":\"LongPolling\",\"transferFormats\":[\"Text\",\"Binary\"]}]";

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  private ConnectionEndpoint endpoint(EndpointOptions options) {
    return new ConnectionEndpoint(new RecordingHandler(), options, scheduler);
  }

  private static JsonNode body(TransportResponse response) throws IOException {
    assertEquals(200, response.status());
    assertEquals("application/json", response.contentType());
    return JSON.readTree(response.body());
  }

  private static List<String> propertyNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void version1HasIndependentIdAndTokenInReferenceOrder() throws IOException {
    ConnectionEndpoint endpoint = endpoint(EndpointOptions.defaults());
    JsonNode body = body(endpoint.negotiate(negotiate("negotiateVersion=1")));

    assertEquals(
        List.of("negotiateVersion", "connectionId", "connectionToken", "availableTransports"),
        propertyNames(body));
    assertEquals(1, body.get("negotiateVersion").intValue());
    String id = body.get("connectionId").textValue();
    String token = body.get("connectionToken").textValue();
    assertTrue(BASE64URL_128_BITS.matcher(id).matches(), id);
    assertTrue(BASE64URL_128_BITS.matcher(token).matches(), token);
    assertNotEquals(id, token);
    assertEquals(ALL_TRANSPORTS, body.get("availableTransports").toString());
  }

  @Test
  void writesCompactJson() {
    TransportResponse response =
        endpoint(EndpointOptions.defaults()).negotiate(negotiate("negotiateVersion=1"));
    String text = response.bodyText();
    assertTrue(text.startsWith("{\"negotiateVersion\":1,\"connectionId\":\""), text);
    assertTrue(text.endsWith(",\"availableTransports\":" + ALL_TRANSPORTS + "}"), text);
  }

  @Test
  void everyNegotiationCreatesFreshValues() throws IOException {
    ConnectionEndpoint endpoint = endpoint(EndpointOptions.defaults());
    JsonNode first = body(endpoint.negotiate(negotiate("negotiateVersion=1")));
    JsonNode second = body(endpoint.negotiate(negotiate("negotiateVersion=1")));
    assertNotEquals(first.get("connectionId"), second.get("connectionId"));
    assertNotEquals(first.get("connectionToken"), second.get("connectionToken"));
    assertEquals(2, endpoint.connectionCount());
  }

  @Test
  void missingVersionMeansVersion0WithoutToken() throws IOException {
    JsonNode body = body(endpoint(EndpointOptions.defaults()).negotiate(negotiate("")));
    assertEquals(
        List.of("negotiateVersion", "connectionId", "availableTransports"), propertyNames(body));
    assertEquals(0, body.get("negotiateVersion").intValue());
  }

  @Test
  void largerVersionsAreClampedTo1() throws IOException {
    JsonNode body = body(endpoint(EndpointOptions.defaults()).negotiate(negotiate("negotiateVersion=7")));
    assertEquals(1, body.get("negotiateVersion").intValue());
    assertTrue(body.has("connectionToken"));
  }

  @Test
  void queryKeysAreCaseInsensitive() throws IOException {
    ConnectionEndpoint endpoint =
        endpoint(EndpointOptions.builder().allowStatefulReconnects(true).build());
    JsonNode body =
        body(endpoint.negotiate(negotiate("NEGOTIATEVERSION=1&usestatefulreconnect=TRUE")));
    assertEquals(1, body.get("negotiateVersion").intValue());
    assertTrue(body.get("useStatefulReconnect").booleanValue());
  }

  @Test
  void nonIntegerVersionIsAnErrorWithoutConnection() throws IOException {
    ConnectionEndpoint endpoint = endpoint(EndpointOptions.defaults());
    for (String query :
        List.of(
            "negotiateVersion=abc",
            "negotiateVersion=",
            "negotiateVersion=1.0",
            "negotiateVersion=%D9%A1", // Arabic-Indic one, a digit to Integer.parseInt
            "negotiateVersion=%EF%BC%91", // full-width one
            "negotiateVersion=%001", // a control character that String.trim() would drop
            "negotiateVersion=99999999999")) {
      TransportResponse response = endpoint.negotiate(negotiate(query));
      assertEquals(
          "{\"error\":\"The client requested a non-integer protocol version.\"}",
          response.bodyText(),
          query);
      assertEquals(200, response.status());
    }
    assertEquals(0, endpoint.connectionCount());
  }

  @Test
  void versionsBelowTheMinimumAreErrors() {
    EndpointOptions minimum1 = EndpointOptions.builder().minimumProtocolVersion(1).build();
    ConnectionEndpoint endpoint = endpoint(minimum1);

    assertEquals(
        "{\"error\":\"The client requested version '0', but the server does not support this version.\"}",
        endpoint.negotiate(negotiate("")).bodyText());
    assertEquals(
        "{\"error\":\"The client requested version '-3', but the server does not support this version.\"}",
        endpoint.negotiate(negotiate("negotiateVersion=-3")).bodyText());
    assertEquals(0, endpoint.connectionCount());
  }

  @Test
  void statefulReconnectNeedsPermissionAndRequest() throws IOException {
    ConnectionEndpoint allowed = endpoint(EndpointOptions.builder().allowStatefulReconnects(true).build());
    JsonNode granted = body(allowed.negotiate(negotiate("negotiateVersion=1&useStatefulReconnect=true")));
    assertEquals(
        List.of(
            "useStatefulReconnect",
            "negotiateVersion",
            "connectionId",
            "connectionToken",
            "availableTransports"),
        propertyNames(granted));

    JsonNode notRequested = body(allowed.negotiate(negotiate("negotiateVersion=1")));
    assertFalse(notRequested.has("useStatefulReconnect"));
    JsonNode requestedFalse =
        body(allowed.negotiate(negotiate("negotiateVersion=1&useStatefulReconnect=false")));
    assertFalse(requestedFalse.has("useStatefulReconnect"));

    ConnectionEndpoint forbidden = endpoint(EndpointOptions.defaults());
    JsonNode refused =
        body(forbidden.negotiate(negotiate("negotiateVersion=1&useStatefulReconnect=true")));
    assertFalse(refused.has("useStatefulReconnect"));
  }

  @Test
  void listsOnlyEnabledTransportsInReferenceOrder() throws IOException {
    ConnectionEndpoint endpoint =
        endpoint(
            EndpointOptions.builder()
                .transports(EnumSet.of(TransportType.LONG_POLLING, TransportType.SERVER_SENT_EVENTS))
                .build());
    JsonNode body = body(endpoint.negotiate(negotiate("negotiateVersion=1")));
    assertEquals(
        "[{\"transport\":\"ServerSentEvents\",\"transferFormats\":[\"Text\"]},"
            + "{\"transport\":\"LongPolling\",\"transferFormats\":[\"Text\",\"Binary\"]}]",
        body.get("availableTransports").toString());

    ConnectionEndpoint webSocketsOnly =
        endpoint(EndpointOptions.builder().transports(Set.of(TransportType.WEB_SOCKETS)).build());
    assertEquals(
        "[{\"transport\":\"WebSockets\",\"transferFormats\":[\"Text\",\"Binary\"]}]",
        body(webSocketsOnly.negotiate(negotiate(""))).get("availableTransports").toString());
  }

  @Test
  void otherMethodsGetAnEmpty405() {
    TransportResponse response =
        endpoint(EndpointOptions.defaults()).negotiate(TestRequests.get("negotiateVersion=1"));
    assertEquals(405, response.status());
    assertEquals("text/plain", response.contentType());
    assertEquals(0, response.body().length);
  }

  @Test
  void defaultsMatchTheReferenceServer() {
    EndpointOptions defaults = EndpointOptions.defaults();
    assertEquals(Duration.ofSeconds(15), defaults.disconnectTimeout());
    assertEquals(EnumSet.allOf(TransportType.class), defaults.transports());
    assertFalse(defaults.allowStatefulReconnects());
  }
}
