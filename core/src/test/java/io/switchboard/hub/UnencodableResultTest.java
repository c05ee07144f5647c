package io.switchboard.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A result the protocol cannot encode ends its connection with an error, as the reference aborts
 * a connection whose message fails to serialize, whether the method returned it directly or
 * through a {@link CompletionStage}; the invocation slot is given back either way.
 */
class UnencodableResultTest {
  private static final String RS = "\u001e";
  private static final String CLOSED_WITH_ERROR =
      "{\"type\":7,\"error\":\"Connection closed with an error.\",\"allowReconnect\":true}" + RS;

  /** A value whose serialization fails. */
  public static final class Unencodable {
    /** Read by the serializer: it fails. */
    public String getValue() {
      throw new IllegalStateException("cannot be encoded");
    }
  }

  /** Returns the unencodable value both ways. */
  public static class BrokenResultHub extends Hub {
    public Unencodable direct() {
      return new Unencodable();
    }

    public CompletionStage<Unencodable> later() {
      return CompletableFuture.supplyAsync(Unencodable::new);
    }

    public CompletionStage<Unencodable> already() {
      return CompletableFuture.completedFuture(new Unencodable());
    }
  }

  private HubEndpoint<BrokenResultHub> endpoint;

  @AfterEach
  void shutdown() {
    endpoint.shutdown();
  }

  private RecordingConnection connect(HubOptions options) throws InterruptedException {
    endpoint = HubEndpoint.create(BrokenResultHub.class, options);
    return new RecordingConnection("c").handshake(endpoint, "json", 1);
  }

  private static String invocation(String id, String target) {
    return "{\"type\":1,\"invocationId\":\"" + id + "\",\"target\":\"" + target + "\",\"arguments\":[]}" + RS;
  }

  private void assertClosedWithError(String target) throws Exception {
    RecordingConnection connection = connect(HubOptions.defaults());
    connection.receive(invocation("1", target));
    assertEquals(CLOSED_WITH_ERROR, connection.nextText());
    assertTrue(connection.awaitClosed(), "the connection ends");
  }

  @Test
  void aDirectResultThatCannotBeEncodedClosesTheConnection() throws Exception {
    assertClosedWithError("direct");
  }

  @Test
  void aLaterResultThatCannotBeEncodedClosesTheConnection() throws Exception {
    assertClosedWithError("later");
  }

  @Test
  void aCompletedStageThatCannotBeEncodedClosesTheConnection() throws Exception {
    assertClosedWithError("already");
  }

  @Test
  void theFailedSendGivesItsSlotBack() throws Exception {
    RecordingConnection connection = connect(HubOptions.builder().maximumParallelInvocationsPerClient(1).build());
    HubConnectionContext context = (HubConnectionContext) connection.listener();
    connection.receive(invocation("1", "later"));
    assertEquals(CLOSED_WITH_ERROR, connection.nextText());
    // The slot comes back just after the close; the deadline only keeps a regression from hanging.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!context.tryAcquireSlot()) {
      assertTrue(System.nanoTime() < deadline, "the slot never came back");
      Thread.sleep(1);
    }
  }
}
