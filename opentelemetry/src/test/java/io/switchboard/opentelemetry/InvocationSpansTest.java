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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Spans of hub invocations on a real server, as the SDK's in-memory exporter sees them: one per
 * invocation, the reference's names and attributes, the client's {@code traceparent} as parent.
 * A span ends before the invocation's answer is sent, so it is exported once the client has it.
 */
class InvocationSpansTest {
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String CLIENT_SPAN_ID = "b7ad6b7169203331";
  private static final String HEADERS =
      "\"headers\":{\"traceparent\":\"00-" + TRACE_ID + "-" + CLIENT_SPAN_ID + "-01\","
          + "\"tracestate\":\"congo=t61rcWkgMzE\"}";
  private static final String HUB = TracedHub.class.getName();

  @RegisterExtension static final TracedServer server = new TracedServer("/traced", TracedHub.class);

  @BeforeEach
  void forgetEarlierSpans() {
    server.spans().reset();
  }

  private static SpanData only(String name) {
    List<SpanData> finished = server.spans().finished();
    List<SpanData> named = finished.stream().filter(span -> span.getName().equals(name)).toList();
    assertEquals(1, named.size(), () -> "spans named " + name + " in " + finished);
    return named.get(0);
  }

  private static String attribute(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }

  @Test
  void anInvocationIsAServerSpanUnderTheClientsTrace() throws Exception {
    try (RawHubClient client = RawHubClient.connect(server.port(), "/traced")) {
      client.send(
          "{\"type\":1,\"invocationId\":\"1\",\"target\":\"Nested\",\"arguments\":[\"x\"]," + HEADERS + "}");
      assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"x\"}", client.next());
    }
    SpanData span = only(HUB + "/Nested");
    assertEquals(SpanKind.SERVER, span.getKind());
    assertEquals(SwitchboardTracing.INSTRUMENTATION_SCOPE, span.getInstrumentationScopeInfo().getName());
    assertEquals(TRACE_ID, span.getTraceId());
    assertEquals(CLIENT_SPAN_ID, span.getParentSpanId());
    assertTrue(span.getParentSpanContext().isRemote());
    assertEquals("t61rcWkgMzE", span.getSpanContext().getTraceState().get("congo"));
    assertEquals("signalr", attribute(span, "rpc.system"));
    assertEquals(HUB, attribute(span, "rpc.service"));
    assertEquals("Nested", attribute(span, "rpc.method"));
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
    // The hub method's own span nests under the invocation's.
    SpanData application = only("application work");
    assertEquals(span.getSpanId(), application.getParentSpanId());
    assertEquals(TRACE_ID, application.getTraceId());
  }

  @Test
  void aFailedInvocationIsAnErrorNamingItsException() throws Exception {
    try (RawHubClient client = RawHubClient.connect(server.port(), "/traced")) {
      client.send("{\"type\":1,\"invocationId\":\"1\",\"target\":\"fail\",\"arguments\":[]," + HEADERS + "}");
      assertTrue(client.next().contains("\"error\":\"An unexpected error occurred invoking 'fail'"));
      client.send("{\"type\":1,\"invocationId\":\"2\",\"target\":\"refuse\",\"arguments\":[]}");
      assertTrue(client.next().contains("HubException: refused"));
    }
    SpanData failed = only(HUB + "/fail");
    assertEquals(StatusCode.ERROR, failed.getStatus().getStatusCode());
    assertEquals("java.lang.IllegalStateException", attribute(failed, "error.type"));
    assertEquals(CLIENT_SPAN_ID, failed.getParentSpanId());
    SpanData refused = only(HUB + "/refuse");
    assertEquals(StatusCode.ERROR, refused.getStatus().getStatusCode());
    assertEquals("io.switchboard.hub.HubException", attribute(refused, "error.type"));
  }

  @Test
  void aStreamAndAFutureEachHaveTheirSpan() throws Exception {
    try (RawHubClient client = RawHubClient.connect(server.port(), "/traced")) {
      client.send("{\"type\":4,\"invocationId\":\"s\",\"target\":\"count\",\"arguments\":[2]," + HEADERS + "}");
      assertEquals("{\"type\":2,\"invocationId\":\"s\",\"item\":1}", client.next());
      assertEquals("{\"type\":2,\"invocationId\":\"s\",\"item\":2}", client.next());
      assertEquals("{\"type\":3,\"invocationId\":\"s\"}", client.next());
      client.send("{\"type\":1,\"invocationId\":\"f\",\"target\":\"later\",\"arguments\":[\"y\"]," + HEADERS + "}");
      assertEquals("{\"type\":3,\"invocationId\":\"f\",\"result\":\"y\"}", client.next());
    }
    SpanData stream = only(HUB + "/count");
    assertEquals(CLIENT_SPAN_ID, stream.getParentSpanId());
    assertEquals(StatusCode.UNSET, stream.getStatus().getStatusCode());
    assertEquals(CLIENT_SPAN_ID, only(HUB + "/later").getParentSpanId());
  }

  @Test
  void theOfficialJavaClientSendsNoHeadersSoItsInvocationsAreRootSpans() {
    HubConnection connection =
        HubConnectionBuilder.create("http://127.0.0.1:" + server.port() + "/traced")
            .withTransport(TransportEnum.WEBSOCKETS)
            .build();
    connection.start().timeout(30, TimeUnit.SECONDS).blockingAwait();
    try {
      String echoed =
          connection.invoke(String.class, "nested", "z").timeout(30, TimeUnit.SECONDS).blockingGet();
      assertEquals("z", echoed);
    } finally {
      connection.stop().timeout(30, TimeUnit.SECONDS).blockingAwait();
    }
    SpanData span = only(HUB + "/nested");
    assertFalse(span.getParentSpanContext().isValid(), "a root span");
    assertTrue(span.getLinks().isEmpty(), "its request carried no trace to link to");
    assertEquals(span.getSpanId(), only("application work").getParentSpanId());
  }
}
