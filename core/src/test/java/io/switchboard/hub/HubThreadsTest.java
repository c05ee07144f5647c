package io.switchboard.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.backplane.Backplane;
import io.switchboard.backplane.BackplaneHealthListener;
import io.switchboard.backplane.InMemoryBroker;
import io.switchboard.backplane.ScaleOutHubLifetimeManager;
import io.switchboard.backplane.ScaleOutOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * No client can take the threads every other connection needs: on Java 17's pool (used here on
 * any Java), receive loops do not wait behind blocked hub methods, and a connection's open uploads
 * are bounded; no hub thread waits for a backplane.
 */
class HubThreadsTest {
  private static final String RS = "\u001e";

  private final ThreadPoolExecutor pool =
      (ThreadPoolExecutor) HubExecutors.platformPool(HubExecutors.BLOCKING_THREADS_ON_JAVA_17);
  private HubEndpoint<SampleHub> endpoint;

  @AfterEach
  void shutdown() {
    if (endpoint != null) {
      endpoint.shutdown();
    }
    pool.shutdownNow();
  }

  private RecordingConnection connect(String id) throws InterruptedException {
    return new RecordingConnection(id).handshake(endpoint, "json", 1);
  }

  private static String upload(int n) {
    return "{\"type\":1,\"invocationId\":\"i" + n + "\",\"target\":\"concat\",\"arguments\":[],"
        + "\"streamIds\":[\"u" + n + "\"]}" + RS;
  }

  private static String uploads(int from, int to) {
    StringBuilder frame = new StringBuilder();
    for (int n = from; n <= to; n++) {
      frame.append(upload(n));
    }
    return frame.toString();
  }

  private static String echo(String id, String text) {
    return "{\"type\":1,\"invocationId\":\"" + id + "\",\"target\":\"echo\",\"arguments\":[\"" + text + "\"]}" + RS;
  }

  private static String echoed(String id, String text) {
    return "{\"type\":3,\"invocationId\":\"" + id + "\",\"result\":\"" + text + "\"}" + RS;
  }

  private static String refused(int n, int limit) {
    return "{\"type\":3,\"invocationId\":\"i" + n + "\",\"error\":\"An unexpected error occurred"
        + " invoking 'concat' on the server. HubException: Too many streaming invocations are"
        + " running on this connection (at most " + limit + ").\"}" + RS;
  }

  /** Waits for a condition that the code under test makes true without a signal to wait on. */
  static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, what);
      Thread.sleep(5);
    }
  }

  @Test
  void threeHundredUploadsInOneFrameLeaveOtherConnectionsServed() throws Exception {
    endpoint = HubEndpoint.create(SampleHub.class, HubOptions.builder().executor(pool).build());
    RecordingConnection attacker = connect("attacker");
    // The echo's answer shows that the attacker's receive loop got through the whole frame.
    attacker.receive(uploads(1, 300) + echo("e", "after the uploads"));
    List<String> refusals = new ArrayList<>();
    String next = attacker.nextText();
    while (!next.equals(echoed("e", "after the uploads"))) {
      refusals.add(next);
      next = attacker.nextText();
    }

    RecordingConnection other = connect("other");
    other.receive(echo("1", "still served"));
    assertEquals(echoed("1", "still served"), other.nextText());
    assertEquals(300 - 32, refusals.size(), "the uploads beyond the default bound of 32");
    assertEquals(refused(33, 32), refusals.get(0));

    attacker.end(null);
    eventually(
        "the attacker's uploads end with its connection",
        () -> pool.getActiveCount() == 0 && pool.getQueue().isEmpty());
  }

  @Test
  void uploadsBeyondTheBoundAreRefusedAndTheOthersGoOn() throws Exception {
    endpoint =
        HubEndpoint.create(
            SampleHub.class, HubOptions.builder().executor(pool).maximumStreamingInvocationsPerClient(2).build());
    RecordingConnection connection = connect("c");
    connection.receive(uploads(1, 3));
    assertEquals(refused(3, 2), connection.nextText());
    connection.receive("{\"type\":2,\"invocationId\":\"u1\",\"item\":\"a\"}" + RS);
    connection.receive("{\"type\":3,\"invocationId\":\"u1\"}" + RS);
    assertEquals(echoed("i1", "a"), connection.nextText());
    // The finished upload gave its place back.
    connection.receive(upload(4));
    connection.receive("{\"type\":3,\"invocationId\":\"u4\"}" + RS);
    assertEquals(echoed("i4", ""), connection.nextText());
  }

  @Test
  void serverStreamsCountTowardsTheBound() throws Exception {
    endpoint =
        HubEndpoint.create(
            SampleHub.class, HubOptions.builder().executor(pool).maximumStreamingInvocationsPerClient(1).build());
    RecordingConnection connection = connect("c");
    connection.receive("{\"type\":4,\"invocationId\":\"s\",\"target\":\"neverEnding\",\"arguments\":[]}" + RS);
    connection.receive(upload(1));
    assertEquals(refused(1, 1), connection.nextText());
    connection.receive("{\"type\":5,\"invocationId\":\"s\"}" + RS);
    assertEquals("{\"type\":3,\"invocationId\":\"s\"}" + RS, connection.nextText());
    connection.receive(upload(2));
    connection.receive("{\"type\":3,\"invocationId\":\"u2\"}" + RS);
    assertEquals(echoed("i2", ""), connection.nextText());
  }

  @Test
  void aBlockedInvocationDoesNotStopTheReceiveLoop() throws Exception {
    endpoint = HubEndpoint.create(SampleHub.class, HubOptions.builder().executor(pool).build());
    RecordingConnection connection = connect("c");
    // The one invocation slot goes to a method that blocks its thread until the gate opens.
    connection.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"block\",\"arguments\":[\"g\"]}" + RS);
    connection.receive("{\"type\":4,\"invocationId\":\"s\",\"target\":\"counter\",\"arguments\":[1]}" + RS);
    assertEquals("{\"type\":2,\"invocationId\":\"s\",\"item\":0}" + RS, connection.nextText());
    assertEquals("{\"type\":3,\"invocationId\":\"s\"}" + RS, connection.nextText());
    SampleHub.GATES.computeIfAbsent("g", key -> new CompletableFuture<>()).complete("open");
    assertEquals(echoed("1", "open"), connection.nextText());
  }

  @Test
  void aSlowBackplaneSubscribeHoldsNoHubThread() throws Exception {
    CompletableFuture<Void> subscribed = new CompletableFuture<>();
    CountDownLatch asked = new CountDownLatch(1);
    try (InMemoryBroker broker = new InMemoryBroker();
        Backplane bus = new HeldSubscribes(broker.connect(), ":connection:slow", subscribed, asked);
        ScaleOutHubLifetimeManager lifetime =
            new ScaleOutHubLifetimeManager(bus, ScaleOutOptions.forHub(SampleHub.class))) {
      endpoint =
          HubEndpoint.create(
              SampleHub.class, HubEndpoint.constructorOf(SampleHub.class), HubOptions.builder().executor(pool).build(), lifetime);
      RecordingConnection connection = new RecordingConnection("slow").connectTo(endpoint);
      connection.receive("{\"protocol\":\"json\",\"version\":1}" + RS);
      assertTrue(asked.await(10, TimeUnit.SECONDS), "the connection's channel is being subscribed");
      eventually(
          "no hub thread waits for the subscription",
          () -> pool.getActiveCount() == 0 && pool.getQueue().isEmpty());
      assertTrue(connection.drainWrites().isEmpty(), "no handshake answer before the subscription");

      subscribed.complete(null);
      assertEquals("{}" + RS, connection.nextText());
      connection.receive(echo("1", "after the subscription"));
      assertEquals(echoed("1", "after the subscription"), connection.nextText());
      endpoint.shutdown();
      endpoint = null;
    }
  }

  /** A bus whose subscription of one channel completes only when the test says so. */
  private record HeldSubscribes(
      Backplane bus, String heldChannel, CompletableFuture<Void> released, CountDownLatch asked)
      implements Backplane {
    @Override
    public CompletableFuture<Void> subscribe(String channel, Consumer<byte[]> handler) {
      CompletableFuture<Void> done = bus.subscribe(channel, handler);
      if (!channel.endsWith(heldChannel)) {
        return done;
      }
      asked.countDown();
      return done.thenCombine(released, (a, b) -> null);
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String channel) {
      return bus.unsubscribe(channel);
    }

    @Override
    public CompletableFuture<Long> publish(String channel, byte[] message) {
      return bus.publish(channel, message);
    }

    @Override
    public boolean isHealthy() {
      return bus.isHealthy();
    }

    @Override
    public void addHealthListener(BackplaneHealthListener listener) {
      bus.addHealthListener(listener);
    }

    @Override
    public void close() {
      bus.close();
    }
  }

  @Test
  void theBoundIsAtLeastOne() {
    assertEquals(32, HubOptions.defaults().maximumStreamingInvocationsPerClient());
    assertThrows(
        IllegalArgumentException.class, () -> HubOptions.builder().maximumStreamingInvocationsPerClient(0).build());
  }
}
