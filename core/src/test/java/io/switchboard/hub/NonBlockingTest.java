package io.switchboard.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link NonBlocking} methods run on the connection's receive loop, in order, within the
 * connection's invocation slots, and answer like any other method; the others stay on the hub
 * executor.
 */
class NonBlockingTest {
  private static final String RS = "\u001e";

  private final ExecutorService pool = HubExecutors.platformPool(4);
  private HubEndpoint<InlineHub> endpoint;

  /** The hub of these tests. */
  public static class InlineHub extends Hub {
    static final Map<String, CompletableFuture<String>> GATES = new ConcurrentHashMap<>();
    static final BlockingQueue<String> STARTED = new LinkedBlockingQueue<>();

    @NonBlocking
    public String inlineThread() {
      return Thread.currentThread().getName();
    }

    public String executorThread() {
      return Thread.currentThread().getName();
    }

    @NonBlocking
    public String record(String name) {
      STARTED.add(name);
      return name;
    }

    /** Answers once the test opens the gate: its invocation slot stays taken until then. */
    @NonBlocking
    public CompletableFuture<String> gate(String name) {
      CompletableFuture<String> gate = GATES.computeIfAbsent(name, key -> new CompletableFuture<>());
      STARTED.add(name);
      return gate;
    }

    @NonBlocking
    public void fail(String message) {
      throw new IllegalStateException(message);
    }

    @NonBlocking
    public void refuse(String message) {
      throw new HubException(message);
    }

    @NonBlocking
    public CompletableFuture<String> failLater(String message) {
      return CompletableFuture.failedFuture(new HubException(message));
    }
  }

  /** A hub that puts the annotation where it cannot apply. */
  public static class StreamingInlineHub extends Hub {
    @NonBlocking
    public Stream<String> items() {
      return Stream.of("a");
    }
  }

  @AfterEach
  void shutdown() {
    InlineHub.GATES.values().forEach(gate -> gate.complete("closed"));
    InlineHub.GATES.clear();
    InlineHub.STARTED.clear();
    if (endpoint != null) {
      endpoint.shutdown();
      endpoint.close();
    }
    pool.shutdownNow();
  }

  private RecordingConnection connect(int parallelInvocations) throws InterruptedException {
    HubOptions options =
        HubOptions.builder().executor(pool).maximumParallelInvocationsPerClient(parallelInvocations).build();
    endpoint = HubEndpoint.create(InlineHub.class, options);
    return new RecordingConnection("c").handshake(endpoint, "json", 1);
  }

  private static String invoke(String id, String target, String... arguments) {
    StringBuilder json =
        new StringBuilder("{\"type\":1,\"invocationId\":\"" + id + "\",\"target\":\"" + target + "\",\"arguments\":[");
    for (int i = 0; i < arguments.length; i++) {
      json.append(i == 0 ? "" : ",").append('"').append(arguments[i]).append('"');
    }
    return json.append("]}").append(RS).toString();
  }

  private static String result(String id, String value) {
    return "{\"type\":3,\"invocationId\":\"" + id + "\",\"result\":\"" + value + "\"}" + RS;
  }

  private static String error(String id, String text) {
    return "{\"type\":3,\"invocationId\":\"" + id + "\",\"error\":\"" + text + "\"}" + RS;
  }

  private static String resultValue(String completion) {
    return completion.replaceAll(".*\"result\":\"([^\"]*)\".*", "$1").trim();
  }

  @Test
  void aNonBlockingMethodRunsOnTheReceiveLoopAndTheOthersOnTheHubExecutor() throws Exception {
    RecordingConnection connection = connect(1);
    connection.receive(invoke("1", "inlineThread") + invoke("2", "executorThread"));
    String inline = resultValue(connection.nextText());
    String executor = resultValue(connection.nextText());
    assertTrue(inline.startsWith("switchboard-receive-"), inline);
    assertTrue(executor.startsWith("switchboard-hub-"), executor);
  }

  @Test
  void invocationsStartInTheOrderTheClientSentThem() throws Exception {
    // With slots to spare, a gated invocation is still running while the next ones start.
    RecordingConnection connection = connect(4);
    StringBuilder frame = new StringBuilder(invoke("g", "gate", "g"));
    for (int i = 0; i < 50; i++) {
      frame.append(invoke("r" + i, "record", "r" + i));
    }
    connection.receive(frame.toString());
    for (int i = 0; i < 50; i++) {
      assertEquals(result("r" + i, "r" + i), connection.nextText());
    }
    InlineHub.GATES.get("g").complete("open");
    assertEquals(result("g", "open"), connection.nextText());
    assertEquals("g", InlineHub.STARTED.poll());
    for (int i = 0; i < 50; i++) {
      assertEquals("r" + i, InlineHub.STARTED.poll());
    }
  }

  @Test
  void anUnfinishedNonBlockingMethodHoldsItsInvocationSlot() throws Exception {
    RecordingConnection connection = connect(2);
    connection.receive(invoke("a", "gate", "a") + invoke("b", "gate", "b") + invoke("c", "record", "c"));
    assertEquals("a", InlineHub.STARTED.poll(10, TimeUnit.SECONDS));
    assertEquals("b", InlineHub.STARTED.poll(10, TimeUnit.SECONDS));
    // Both slots are taken: "c" waits until one of them is given back.
    InlineHub.GATES.get("b").complete("open");
    assertEquals(result("b", "open"), connection.nextText());
    assertEquals(result("c", "c"), connection.nextText());
    assertEquals(List.of("c"), List.copyOf(InlineHub.STARTED));
    InlineHub.GATES.get("a").complete("open");
    assertEquals(result("a", "open"), connection.nextText());
  }

  @Test
  void theAnswersToTheMessagesOfOneReadAreHandedToTheTransportTogether() throws Exception {
    RecordingConnection connection = connect(1);
    StringBuilder frame = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      frame.append(invoke("r" + i, "record", "r" + i));
    }
    connection.receive(frame.toString());
    for (int i = 0; i < 10; i++) {
      assertEquals(result("r" + i, "r" + i), connection.nextText());
    }
    assertEquals(9, connection.batchedWrites(), "every answer but the first, which went out at once");
    connection.receive(invoke("alone", "record", "alone"));
    assertEquals(result("alone", "alone"), connection.nextText());
    assertEquals(9, connection.batchedWrites(), "a lone message waits for no batch");
  }

  @Test
  void exceptionsGiveTheReferenceCompletionTexts() throws Exception {
    RecordingConnection connection = connect(1);
    connection.receive(
        invoke("1", "fail", "boom") + invoke("2", "refuse", "no") + invoke("3", "failLater", "later"));
    assertEquals(error("1", "An unexpected error occurred invoking 'fail' on the server."), connection.nextText());
    assertEquals(
        error("2", "An unexpected error occurred invoking 'refuse' on the server. HubException: no"),
        connection.nextText());
    assertEquals(
        error("3", "An unexpected error occurred invoking 'failLater' on the server. HubException: later"),
        connection.nextText());
    // The connection goes on.
    connection.receive(invoke("4", "record", "after"));
    assertEquals(result("4", "after"), connection.nextText());
  }

  @Test
  void aStreamingMethodCannotBeNonBlocking() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> HubEndpoint.create(StreamingInlineHub.class, HubOptions.defaults()));
    assertEquals(
        "Hub method 'items' streams, so it cannot be @NonBlocking: streams run on the hub executor.",
        refused.getMessage());
  }
}
