package io.switchboard.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.connection.HttpRequestInfo;
import io.switchboard.events.SwitchboardTracer;
import io.switchboard.events.TracedInvocation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A hub's {@link SwitchboardTracer}: started with the invocation's headers, current around the
 * filters and the method, ended once with the method's result (futures and streams included);
 * the same around the connect and disconnect events.
 */
class HubTracerTest {
  private static final String RS = "\u001e";
  private static final AtomicInteger ids = new AtomicInteger();
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final CountDownLatch filtered = new CountDownLatch(1);
  private HubEndpoint<SampleHub> endpoint;

  @AfterEach
  void shutdown() {
    endpoint.shutdown();
  }

  /** Records what the server asks of it; its trace is {@link #CURRENT} while entered. */
  private final class RecordingTracer implements SwitchboardTracer {
    @Override
    public TracedInvocation invocationStarted(
        Class<?> hubClass, String method, Map<String, String> headers) {
      calls.add("start " + hubClass.getSimpleName() + "/" + method + " " + headers);
      return new TracedInvocation() {
        @Override
        public Scope enter() {
          CURRENT.set(method);
          return () -> CURRENT.remove();
        }

        @Override
        public void end(Throwable error) {
          calls.add("end " + method + " " + (error == null ? "ok" : error.getClass().getSimpleName()));
        }
      };
    }
  }

  /** Records the headers filters see and which trace is current around them. */
  private final class HeaderFilter implements HubFilter {
    @Override
    public Object invokeMethod(HubInvocationContext invocation, InvocationNext next) throws Exception {
      calls.add("filter " + invocation.headers() + " in " + CURRENT.get());
      try {
        return next.invoke(invocation);
      } finally {
        filtered.countDown();
      }
    }
  }

  private RecordingConnection connect() throws InterruptedException {
    endpoint =
        HubEndpoint.create(
            SampleHub.class,
            HubOptions.builder().tracer(new RecordingTracer()).addFilter(new HeaderFilter()).build());
    return new RecordingConnection("t" + ids.incrementAndGet()).handshake(endpoint, "json", 1);
  }

  @Test
  void headersReachTheTracerAndFiltersInsideTheTrace() throws Exception {
    RecordingConnection connection = connect();
    connection.receive(
        "{\"type\":1,\"invocationId\":\"1\",\"target\":\"Echo\",\"arguments\":[\"x\"],"
            + "\"headers\":{\"traceparent\":\"tp\"}}" + RS);
    assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"x\"}" + RS, connection.nextText());
    assertEquals(
        List.of("start SampleHub/Echo {traceparent=tp}", "filter {traceparent=tp} in Echo", "end Echo ok"),
        calls);
  }

  @Test
  void aFailureEndsTheTraceWithIt() throws Exception {
    RecordingConnection connection = connect();
    connection.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"fail\",\"arguments\":[\"x\"]}" + RS);
    assertTrue(connection.nextText().contains("\"error\""));
    assertEquals(List.of("start SampleHub/fail {}", "filter {} in fail", "end fail IllegalStateException"), calls);
  }

  @Test
  void aFutureEndsTheTraceWhenItCompletes() throws Exception {
    RecordingConnection connection = connect();
    String gate = "tracer-" + ids.incrementAndGet();
    connection.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"await\",\"arguments\":[\"" + gate + "\"]}" + RS);
    assertTrue(filtered.await(10, TimeUnit.SECONDS), "the method never ran");
    assertEquals(List.of("start SampleHub/await {}", "filter {} in await"), calls); // returned, not ended
    SampleHub.GATES.computeIfAbsent(gate, key -> new CompletableFuture<>()).complete("done");
    assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"done\"}" + RS, connection.nextText());
    assertEquals(List.of("start SampleHub/await {}", "filter {} in await", "end await ok"), calls);
  }

  @Test
  void aStreamEndsTheTraceWhenItEnds() throws Exception {
    RecordingConnection connection = connect();
    connection.receive(
        "{\"type\":4,\"invocationId\":\"s\",\"target\":\"brokenStream\",\"arguments\":[],"
            + "\"headers\":{\"traceparent\":\"tp\"}}" + RS);
    assertEquals("{\"type\":2,\"invocationId\":\"s\",\"item\":\"a\"}" + RS, connection.nextText());
    assertTrue(connection.nextText().contains("\"error\""));
    assertEquals(
        List.of(
            "start SampleHub/brokenStream {traceparent=tp}",
            "filter {traceparent=tp} in brokenStream",
            "end brokenStream IllegalStateException"),
        calls);
  }

  /** Traces only the connect and disconnect events, with the connection's request. */
  private final class EventTracer implements SwitchboardTracer {
    final CountDownLatch disconnectEnded = new CountDownLatch(1);

    @Override
    public TracedInvocation onConnectedStarted(Class<?> hubClass, HttpRequestInfo request) {
      return trace("OnConnected", request);
    }

    @Override
    public TracedInvocation onDisconnectedStarted(Class<?> hubClass, HttpRequestInfo request) {
      return trace("OnDisconnected", request);
    }

    private TracedInvocation trace(String event, HttpRequestInfo request) {
      calls.add("start " + event + " " + (request != null));
      return new TracedInvocation() {
        @Override
        public Scope enter() {
          CURRENT.set(event);
          return () -> CURRENT.remove();
        }

        @Override
        public void end(Throwable error) {
          calls.add("end " + event + " " + (error == null ? "ok" : error.getClass().getSimpleName()));
          if (event.equals("OnDisconnected")) {
            disconnectEnded.countDown();
          }
        }
      };
    }
  }

  /** Records which trace is current around the events; refuses to disconnect quietly. */
  private final class EventFilter implements HubFilter {
    @Override
    public void onConnected(HubLifetimeContext context, LifetimeNext next) throws Exception {
      calls.add("connect filter in " + CURRENT.get());
      next.proceed(context);
    }

    @Override
    public void onDisconnected(HubLifetimeContext context, Throwable error, DisconnectNext next)
        throws Exception {
      calls.add("disconnect filter in " + CURRENT.get());
      next.proceed(context, error);
      throw new UnsupportedOperationException("failed on purpose");
    }
  }

  @Test
  void theConnectAndDisconnectEventsRunInsideTheirTraces() throws Exception {
    EventTracer tracer = new EventTracer();
    endpoint =
        HubEndpoint.create(
            SampleHub.class, HubOptions.builder().tracer(tracer).addFilter(new EventFilter()).build());
    RecordingConnection connection =
        new RecordingConnection("t" + ids.incrementAndGet()).handshake(endpoint, "json", 1);
    connection.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"Echo\",\"arguments\":[\"x\"]}" + RS);
    assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"x\"}" + RS, connection.nextText());
    connection.end(null);
    assertTrue(tracer.disconnectEnded.await(10, TimeUnit.SECONDS), "the disconnect was never traced");
    assertEquals(
        List.of(
            "start OnConnected true",
            "connect filter in OnConnected",
            "end OnConnected ok",
            "start OnDisconnected true",
            "disconnect filter in OnDisconnected",
            "end OnDisconnected UnsupportedOperationException"),
        calls);
  }

  @Test
  void aTracerThatFailsToStartAnEventsTraceLeavesTheConnectionServed() throws Exception {
    SwitchboardTracer broken =
        new SwitchboardTracer() {
          @Override
          public TracedInvocation onConnectedStarted(Class<?> hubClass, HttpRequestInfo request) {
            throw new IllegalStateException("broken tracer");
          }
        };
    endpoint = HubEndpoint.create(SampleHub.class, HubOptions.builder().tracer(broken).build());
    RecordingConnection connection =
        new RecordingConnection("t" + ids.incrementAndGet()).handshake(endpoint, "json", 1);
    connection.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"Echo\",\"arguments\":[\"x\"]}" + RS);
    assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"x\"}" + RS, connection.nextText());
  }
}
