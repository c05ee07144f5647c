package io.switchboard.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Filters wrap invocations and connect/disconnect events, outermost first. */
class HubFilterTest {
  private static final String RS = "\u001e";
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private HubEndpoint<SampleHub> endpoint;

  @AfterEach
  void shutdown() {
    endpoint.shutdown();
  }

  private final class Recording implements HubFilter {
    private final String name;

    Recording(String name) {
      this.name = name;
    }

    @Override
    public Object invokeMethod(HubInvocationContext invocation, InvocationNext next) throws Exception {
      calls.add(name + ">" + invocation.methodName());
      Object result = next.invoke(invocation);
      calls.add(name + "<" + result);
      return result;
    }

    @Override
    public void onConnected(HubLifetimeContext context, LifetimeNext next) throws Exception {
      calls.add(name + " connected " + context.context().connectionId());
      next.proceed(context);
    }

    @Override
    public void onDisconnected(HubLifetimeContext context, Throwable error, DisconnectNext next)
        throws Exception {
      calls.add(name + " disconnected");
      next.proceed(context, error);
    }
  }

  private static final java.util.concurrent.atomic.AtomicInteger ids =
      new java.util.concurrent.atomic.AtomicInteger();
  private final String connectionId = "f" + ids.incrementAndGet();

  private RecordingConnection connect() throws InterruptedException {
    return new RecordingConnection(connectionId).handshake(endpoint, "json", 1);
  }

  @Test
  void filtersWrapInvocationsInRegistrationOrder() throws Exception {
    endpoint =
        HubEndpoint.create(
            SampleHub.class, HubOptions.builder().addFilter(new Recording("outer")).addFilter(new Recording("inner")).build());
    RecordingConnection connection = connect();
    connection.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"Echo\",\"arguments\":[\"x\"]}" + RS);
    assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"x\"}" + RS, connection.nextText());
    assertEquals(
        List.of(
            "outer connected " + connectionId,
            "inner connected " + connectionId,
            "outer>Echo",
            "inner>Echo",
            "inner<x",
            "outer<x"),
        calls);
  }

  @Test
  void filterCanReplaceArgumentsAndShortCircuit() throws Exception {
    HubFilter upperCase =
        new HubFilter() {
          @Override
          public Object invokeMethod(HubInvocationContext invocation, InvocationNext next) throws Exception {
            if (invocation.methodName().equalsIgnoreCase("fail")) {
              throw new HubException("blocked by filter");
            }
            invocation.arguments().set(0, ((String) invocation.arguments().get(0)).toUpperCase());
            return next.invoke(invocation);
          }
        };
    endpoint = HubEndpoint.create(SampleHub.class, HubOptions.builder().addFilter(upperCase).build());
    RecordingConnection connection = connect();
    connection.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"echo\",\"arguments\":[\"x\"]}" + RS);
    assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"X\"}" + RS, connection.nextText());
    connection.receive("{\"type\":1,\"invocationId\":\"2\",\"target\":\"fail\",\"arguments\":[\"x\"]}" + RS);
    assertEquals(
        "{\"type\":3,\"invocationId\":\"2\",\"error\":\"An unexpected error occurred invoking 'fail' on"
            + " the server. HubException: blocked by filter\"}" + RS,
        connection.nextText());
  }

  @Test
  void disconnectGoesThroughTheFilters() throws Exception {
    endpoint = HubEndpoint.create(SampleHub.class, HubOptions.builder().addFilter(new Recording("only")).build());
    RecordingConnection connection = connect();
    connection.end(null);
    String gone;
    do {
      gone = SampleHub.DISCONNECTED.poll(10, TimeUnit.SECONDS);
    } while (gone != null && !gone.equals(connectionId));
    assertEquals(connectionId, gone);
    assertEquals(List.of("only connected " + connectionId, "only disconnected"), calls);
  }
}
