package io.switchboard.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.TransportEnum;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Spans of hubs' connect and disconnect events, as the SDK's in-memory exporter sees them: the
 * reference's names ({@code {hub}/OnConnectedAsync}, {@code {hub}/OnDisconnectedAsync}), kind and
 * attributes, the connection's request's {@code traceparent} as parent (and as the link of the
 * connection's invocations). Each test uses its own
 * connection, told apart by trace id or by the query, so the tests share one server.
 */
class ConnectionSpansTest {
  private static final String HUB = LifetimeHub.class.getName();
  private static final String CONNECTED = HUB + "/OnConnectedAsync";
  private static final String DISCONNECTED = HUB + "/OnDisconnectedAsync";
  private static final String PROXY_SPAN_ID = "00f067aa0ba902b7";

  @RegisterExtension static final TracedServer server = new TracedServer("/lifetime", LifetimeHub.class);

  /** The span named {@code name} in trace {@code traceId}, once exported. */
  private static SpanData awaitSpan(String name, String traceId) throws InterruptedException {
    return awaitSpan(name, span -> span.getTraceId().equals(traceId));
  }

  /** The root span named {@code name}, once exported. */
  private static SpanData awaitRoot(String name) throws InterruptedException {
    return awaitSpan(name, span -> !span.getParentSpanContext().isValid());
  }

  /** The one span named {@code name} that {@code which} accepts, once exported. */
  private static SpanData awaitSpan(String name, Predicate<SpanData> which) throws InterruptedException {
    return server.spans().await("span " + name, span -> span.getName().equals(name) && which.test(span));
  }

  /** The header a proxy in trace {@code traceId} adds to the request it forwards. */
  private static Map<String, String> traceparent(String traceId) {
    return Map.of("traceparent", "00-" + traceId + "-" + PROXY_SPAN_ID + "-01");
  }

  private static String attribute(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }

  private static void assertEventSpan(SpanData span, String method) {
    assertEquals(HUB + "/" + method, span.getName());
    assertEquals(SpanKind.INTERNAL, span.getKind());
    assertEquals(SwitchboardTracing.INSTRUMENTATION_SCOPE, span.getInstrumentationScopeInfo().getName());
    assertEquals(method, attribute(span, "rpc.method"));
    assertEquals("signalr", attribute(span, "rpc.system"));
    assertEquals(HUB, attribute(span, "rpc.service"));
  }

  @Test
  void connectAndDisconnectAreSpansUnderTheRequestsTrace() throws Exception {
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    try (RawHubClient client = RawHubClient.connect(server.port(), "/lifetime", traceparent(traceId))) {
      client.send("{\"type\":1,\"invocationId\":\"1\",\"target\":\"echo\",\"arguments\":[\"x\"]}");
      assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"x\"}", client.next());
    }
    // As the reference's, the invocation is no child of the connection's request but links to it.
    SpanData invocation =
        awaitSpan(HUB + "/echo", span -> !span.getLinks().isEmpty()
            && span.getLinks().get(0).getSpanContext().getTraceId().equals(traceId));
    assertFalse(invocation.getParentSpanContext().isValid(), "a root span");
    assertEquals(PROXY_SPAN_ID, invocation.getLinks().get(0).getSpanContext().getSpanId());
    SpanData connected = awaitSpan(CONNECTED, traceId);
    assertEventSpan(connected, "OnConnectedAsync");
    assertEquals(PROXY_SPAN_ID, connected.getParentSpanId());
    assertTrue(connected.getParentSpanContext().isRemote());
    assertEquals(StatusCode.UNSET, connected.getStatus().getStatusCode());
    // The event's own work nests under its span.
    assertEquals(connected.getSpanId(), awaitSpan("connect work", traceId).getParentSpanId());

    SpanData disconnected = awaitSpan(DISCONNECTED, traceId);
    assertEventSpan(disconnected, "OnDisconnectedAsync");
    assertEquals(PROXY_SPAN_ID, disconnected.getParentSpanId());
    assertEquals(StatusCode.UNSET, disconnected.getStatus().getStatusCode());
    assertEquals(disconnected.getSpanId(), awaitSpan("disconnect work", traceId).getParentSpanId());
  }

  @Test
  void failedEventsAreErrorsNamingTheirException() throws Exception {
    String refusedTrace = "11111111111111111111111111111111";
    try (RawHubClient client =
        RawHubClient.connect(server.port(), "/lifetime?fail=connect", traceparent(refusedTrace))) {
      assertEquals("{\"type\":7,\"error\":\"Connection closed with an error.\"}", client.next());
    }
    SpanData refused = awaitSpan(CONNECTED, refusedTrace);
    assertEquals(StatusCode.ERROR, refused.getStatus().getStatusCode());
    assertEquals("java.lang.IllegalStateException", attribute(refused, "error.type"));

    String failedTrace = "22222222222222222222222222222222";
    try (RawHubClient client =
        RawHubClient.connect(server.port(), "/lifetime?fail=disconnect", traceparent(failedTrace))) {
      client.send("{\"type\":1,\"invocationId\":\"1\",\"target\":\"echo\",\"arguments\":[\"x\"]}");
      assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"x\"}", client.next());
    }
    SpanData failed = awaitSpan(DISCONNECTED, failedTrace);
    assertEquals(StatusCode.ERROR, failed.getStatus().getStatusCode());
    assertEquals("java.lang.UnsupportedOperationException", attribute(failed, "error.type"));
    assertEquals(StatusCode.UNSET, awaitSpan(CONNECTED, failedTrace).getStatus().getStatusCode());
  }

  @Test
  void theOfficialJavaClientsRequestsCarryNoTraceSoTheEventsAreRootSpans() throws Exception {
    HubConnection connection =
        HubConnectionBuilder.create("http://127.0.0.1:" + server.port() + "/lifetime")
            .withTransport(TransportEnum.WEBSOCKETS)
            .build();
    connection.start().timeout(30, TimeUnit.SECONDS).blockingAwait();
    connection.stop().timeout(30, TimeUnit.SECONDS).blockingAwait();
    SpanData connected = awaitRoot(CONNECTED);
    SpanData disconnected = awaitRoot(DISCONNECTED);
    assertEventSpan(connected, "OnConnectedAsync");
    assertEventSpan(disconnected, "OnDisconnectedAsync");
    assertFalse(connected.getTraceId().equals(disconnected.getTraceId()), "two separate root spans");
  }
}
