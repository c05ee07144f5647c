package io.switchboard.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server asks a client for a result, from a hub context and from a hub method. */
class ClientResultsTest {
  private static final String RS = "\u001e";
  private HubEndpoint<SampleHub> endpoint =
      HubEndpoint.create(SampleHub.class, HubOptions.builder().enableDetailedErrors(true).build());

  @AfterEach
  void shutdown() {
    endpoint.shutdown();
  }

  private RecordingConnection connect() throws InterruptedException {
    return new RecordingConnection("r").handshake(endpoint, "json", 1);
  }

  private CompletableFuture<Integer> ask(RecordingConnection connection) {
    return endpoint.hubContext().clients().client(connection.connectionId()).invoke(Integer.class, "Result");
  }

  @Test
  void resultFromTheClientCompletesTheFuture() throws Exception {
    RecordingConnection connection = connect();
    CompletableFuture<Integer> result = ask(connection);
    assertEquals(
        "{\"type\":1,\"invocationId\":\"s1\",\"target\":\"Result\",\"arguments\":[]}" + RS,
        connection.nextText());
    connection.receive("{\"type\":3,\"invocationId\":\"s1\",\"result\":10}" + RS);
    assertEquals(10, result.get(10, TimeUnit.SECONDS));
  }

  @Test
  void clientErrorFailsTheFutureWithItsText() throws Exception {
    RecordingConnection connection = connect();
    CompletableFuture<Integer> result = ask(connection);
    connection.nextText();
    connection.receive("{\"type\":3,\"invocationId\":\"s1\",\"error\":\"Client didn't provide a result.\"}" + RS);
    ExecutionException failure = assertThrows(ExecutionException.class, () -> result.get(10, TimeUnit.SECONDS));
    assertInstanceOf(HubException.class, failure.getCause());
    assertEquals("Client didn't provide a result.", failure.getCause().getMessage());
  }

  @Test
  void disconnectFailsWaitingCallers() throws Exception {
    RecordingConnection connection = connect();
    CompletableFuture<Integer> result = ask(connection);
    connection.nextText();
    connection.end(null);
    ExecutionException failure = assertThrows(ExecutionException.class, () -> result.get(10, TimeUnit.SECONDS));
    assertInstanceOf(IOException.class, failure.getCause());
    assertEquals("Connection 'r' disconnected.", failure.getCause().getMessage());
  }

  @Test
  void hubMethodsNeedMoreThanOneParallelInvocation() throws Exception {
    RecordingConnection connection = connect();
    connection.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"askCaller\",\"arguments\":[]}" + RS);
    assertEquals(
        "{\"type\":3,\"invocationId\":\"1\",\"error\":\"An unexpected error occurred invoking"
            + " 'askCaller' on the server. IllegalStateException: Client results inside a Hub method"
            + " requires HubOptions.MaximumParallelInvocationsPerClient to be greater than 1.\"}" + RS,
        connection.nextText());
  }

  @Test
  void hubMethodGetsTheCallersResultWithParallelInvocations() throws Exception {
    endpoint.shutdown();
    endpoint =
        HubEndpoint.create(SampleHub.class, HubOptions.builder().maximumParallelInvocationsPerClient(2).build());
    RecordingConnection connection = connect();
    connection.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"askCaller\",\"arguments\":[]}" + RS);
    assertEquals(
        "{\"type\":1,\"invocationId\":\"s1\",\"target\":\"Result\",\"arguments\":[]}" + RS,
        connection.nextText());
    connection.receive("{\"type\":3,\"invocationId\":\"s1\",\"result\":7}" + RS);
    assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":7}" + RS, connection.nextText());
  }

  @Test
  void aCancelledWaitIgnoresTheLateAnswer() throws Exception {
    RecordingConnection connection = connect();
    CompletableFuture<Integer> first = ask(connection);
    connection.nextText();
    first.cancel(true);
    connection.receive("{\"type\":3,\"invocationId\":\"s1\",\"result\":1}" + RS);
    CompletableFuture<Integer> second = ask(connection);
    assertEquals(
        "{\"type\":1,\"invocationId\":\"s2\",\"target\":\"Result\",\"arguments\":[]}" + RS,
        connection.nextText());
    connection.receive("{\"type\":3,\"invocationId\":\"s2\",\"result\":2}" + RS);
    assertEquals(2, second.get(10, TimeUnit.SECONDS));
    assertThrows(java.util.concurrent.CancellationException.class, first::join);
  }
}
