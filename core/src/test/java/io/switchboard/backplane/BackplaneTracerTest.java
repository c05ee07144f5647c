package io.switchboard.backplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.protocol.InvocationMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A {@link BackplaneTracer} on two servers of an in-memory bus: the sender's headers travel with
 * the message and the receiver delivers it through its tracer, exactly once whatever the tracer
 * does; without a tracer the envelope is .NET's.
 */
class BackplaneTracerTest {
  private static final String HUB = "Tests.Hub";
  private static final Map<String, String> HEADERS = Map.of("traceparent", "tp");

  private final InMemoryBroker broker = new InMemoryBroker();
  private final List<String> deliveries = new CopyOnWriteArrayList<>();
  private final List<ScaleOutHubLifetimeManager> managers = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    managers.forEach(ScaleOutHubLifetimeManager::close);
    broker.close();
  }

  private ScaleOutHubLifetimeManager server(BackplaneTracer tracer) {
    ScaleOutHubLifetimeManager manager =
        new ScaleOutHubLifetimeManager(broker.connect(), ScaleOutOptions.builder(HUB).tracer(tracer).build());
    managers.add(manager);
    return manager;
  }

  /** Sends with {@link #HEADERS}; records deliveries, then runs them as {@code delivering} says. */
  private BackplaneTracer tracer(Delivering delivering) {
    return new BackplaneTracer() {
      @Override
      public Map<String, String> outgoingHeaders() {
        return HEADERS;
      }

      @Override
      public void delivered(String destination, Map<String, String> headers, Runnable delivery) {
        deliveries.add(destination + " " + headers);
        delivering.deliver(delivery);
      }
    };
  }

  private interface Delivering {
    void deliver(Runnable delivery);
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(10, TimeUnit.SECONDS);
  }

  private static TestConnection connect(ScaleOutHubLifetimeManager server, String id) throws Exception {
    TestConnection connection = new TestConnection(id);
    await(server.onConnected(connection).toCompletableFuture());
    return connection;
  }

  private static final InvocationMessage HELLO = new InvocationMessage("Hello", new Object[] {"x"});
  private static final String HELLO_JSON = "{\"type\":1,\"target\":\"Hello\",\"arguments\":[\"x\"]}";

  @Test
  void theSendersHeadersReachTheReceiversTracer() throws Exception {
    ScaleOutHubLifetimeManager a = server(tracer(Runnable::run));
    ScaleOutHubLifetimeManager b = server(tracer(Runnable::run));
    TestConnection b1 = connect(b, "b1");
    await(b.addToGroup("b1", "room"));

    await(a.sendGroups(HELLO, List.of("room"), List.of()));
    assertEquals(HELLO_JSON, b1.nextText());
    await(a.sendConnections(HELLO, List.of("b1")));
    assertEquals(HELLO_JSON, b1.nextText());

    assertEquals(
        List.of(HUB + ":group:{group} " + HEADERS, HUB + ":connection:{connection} " + HEADERS),
        deliveries);
  }

  @Test
  void aTracerThatFailsOrForgetsStillHasTheMessageDeliveredOnce() throws Exception {
    ScaleOutHubLifetimeManager a = server(tracer(Runnable::run));
    ScaleOutHubLifetimeManager failing =
        server(
            tracer(
                delivery -> {
                  delivery.run();
                  throw new IllegalStateException("tracer bug");
                }));
    ScaleOutHubLifetimeManager forgetting = server(tracer(delivery -> {}));
    TestConnection f1 = connect(failing, "f1");
    TestConnection g1 = connect(forgetting, "g1");

    await(a.sendAll(HELLO, List.of()));
    await(a.sendAll(new InvocationMessage("Hello", new Object[] {"y"}), List.of()));

    assertEquals(HELLO_JSON, f1.nextText());
    assertEquals(HELLO_JSON, g1.nextText());
    // In order and once: the second message is the next one each receives.
    assertTrue(f1.nextText().contains("\"y\""));
    assertTrue(g1.nextText().contains("\"y\""));
  }

  @Test
  void withoutATracerTheEnvelopeIsDotNets() throws Exception {
    ScaleOutHubLifetimeManager a = server(BackplaneTracer.NONE);
    BlockingQueue<byte[]> seen = new LinkedBlockingQueue<>();
    try (InMemoryBackplane observer = broker.connect()) {
      await(observer.subscribe(HUB + ":all", seen::add));
      await(a.sendAll(HELLO, List.of()));
      assertEquals((byte) 0x92, seen.poll(10, TimeUnit.SECONDS)[0]);
    }
  }
}
