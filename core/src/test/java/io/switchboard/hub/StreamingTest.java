package io.switchboard.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Server-to-client streams, cancellation and upload streams. */
class StreamingTest {
  private static final String RS = "\u001e";
  private final HubEndpoint<SampleHub> endpoint =
      HubEndpoint.create(SampleHub.class, HubOptions.builder().enableDetailedErrors(true).build());

  @AfterEach
  void shutdown() {
    endpoint.shutdown();
  }

  private RecordingConnection connect() throws InterruptedException {
    return new RecordingConnection("s").handshake(endpoint, "json", 1);
  }

  private static String item(String id, String json) {
    return "{\"type\":2,\"invocationId\":\"" + id + "\",\"item\":" + json + "}" + RS;
  }

  private static String end(String id) {
    return "{\"type\":3,\"invocationId\":\"" + id + "\"}" + RS;
  }

  @Test
  void streamSendsEachItemThenAVoidCompletion() throws Exception {
    RecordingConnection connection = connect();
    connection.receive("{\"type\":4,\"invocationId\":\"1\",\"target\":\"counter\",\"arguments\":[3]}" + RS);
    assertEquals(item("1", "0"), connection.nextText());
    assertEquals(item("1", "1"), connection.nextText());
    assertEquals(item("1", "2"), connection.nextText());
    assertEquals(end("1"), connection.nextText());
  }

  @Test
  void iteratorStream() throws Exception {
    RecordingConnection connection = connect();
    connection.receive("{\"type\":4,\"invocationId\":\"1\",\"target\":\"letters\",\"arguments\":[]}" + RS);
    assertEquals(item("1", "\"a\""), connection.nextText());
    assertEquals(item("1", "\"b\""), connection.nextText());
    assertEquals(item("1", "\"c\""), connection.nextText());
    assertEquals(end("1"), connection.nextText());
  }

  @Test
  void errorDuringTheStreamEndsItAfterTheItemsSent() throws Exception {
    RecordingConnection connection = connect();
    connection.receive("{\"type\":4,\"invocationId\":\"1\",\"target\":\"brokenStream\",\"arguments\":[]}" + RS);
    assertEquals(item("1", "\"a\""), connection.nextText());
    assertEquals(
        "{\"type\":3,\"invocationId\":\"1\",\"error\":\"An error occurred on the server while"
            + " streaming results. IllegalStateException: broken\"}" + RS,
        connection.nextText());
  }

  @Test
  void cancelInvocationCancelsTheStreamAndStillCompletesIt() throws Exception {
    RecordingConnection connection = connect();
    connection.receive("{\"type\":4,\"invocationId\":\"7\",\"target\":\"neverEnding\",\"arguments\":[]}" + RS);
    connection.receive("{\"type\":5,\"invocationId\":\"7\"}" + RS);
    assertEquals("cancelled", SampleHub.CANCELLED.poll(10, TimeUnit.SECONDS));
    assertEquals(end("7"), connection.nextText());
  }

  @Test
  void disconnectCancelsRunningStreams() throws Exception {
    RecordingConnection connection = connect();
    connection.receive("{\"type\":4,\"invocationId\":\"7\",\"target\":\"neverEnding\",\"arguments\":[]}" + RS);
    // A round trip proves the stream started before the connection goes.
    connection.receive("{\"type\":1,\"invocationId\":\"8\",\"target\":\"echo\",\"arguments\":[\"x\"]}" + RS);
    assertEquals("{\"type\":3,\"invocationId\":\"8\",\"result\":\"x\"}" + RS, connection.nextText());
    connection.end(null);
    assertEquals("cancelled", SampleHub.CANCELLED.poll(10, TimeUnit.SECONDS));
  }

  @Test
  void wrongKindOfInvocationIsRefused() throws Exception {
    RecordingConnection connection = connect();
    connection.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"counter\",\"arguments\":[1]}" + RS);
    assertEquals(
        "{\"type\":3,\"invocationId\":\"1\",\"error\":\"The client attempted to invoke the streaming"
            + " 'counter' method with a non-streaming invocation.\"}" + RS,
        connection.nextText());
    connection.receive("{\"type\":4,\"invocationId\":\"2\",\"target\":\"echo\",\"arguments\":[\"a\"]}" + RS);
    assertEquals(
        "{\"type\":3,\"invocationId\":\"2\",\"error\":\"The client attempted to invoke the"
            + " non-streaming 'echo' method with a streaming invocation.\"}" + RS,
        connection.nextText());
  }

  @Test
  void reusingARunningStreamIdIsRefused() throws Exception {
    RecordingConnection connection = connect();
    connection.receive("{\"type\":4,\"invocationId\":\"1\",\"target\":\"neverEnding\",\"arguments\":[]}" + RS);
    connection.receive("{\"type\":4,\"invocationId\":\"1\",\"target\":\"counter\",\"arguments\":[1]}" + RS);
    assertEquals(
        "{\"type\":3,\"invocationId\":\"1\",\"error\":\"Invocation ID '1' is already in use.\"}" + RS,
        connection.nextText());
  }

  @Test
  void uploadStreamIsBoundToTheStreamParameter() throws Exception {
    RecordingConnection connection = connect();
    connection.receive(
        "{\"type\":1,\"invocationId\":\"5\",\"target\":\"concat\",\"arguments\":[],\"streamIds\":[\"4\"]}" + RS);
    connection.receive(item("4", "\"Hello \""));
    connection.receive(item("4", "\"world\""));
    connection.receive(item("4", "\"!\""));
    connection.receive(end("4"));
    assertEquals("{\"type\":3,\"invocationId\":\"5\",\"result\":\"Hello world!\"}" + RS, connection.nextText());
  }

  @Test
  void uploadErrorSurfacesAsHubException() throws Exception {
    RecordingConnection connection = connect();
    connection.receive(
        "{\"type\":1,\"invocationId\":\"5\",\"target\":\"concat\",\"arguments\":[],\"streamIds\":[\"4\"]}" + RS);
    connection.receive(item("4", "\"a\""));
    connection.receive("{\"type\":3,\"invocationId\":\"4\",\"error\":\"Something bad\"}" + RS);
    assertEquals(
        "{\"type\":3,\"invocationId\":\"5\",\"error\":\"An unexpected error occurred invoking 'concat'"
            + " on the server. HubException: Something bad\"}" + RS,
        connection.nextText());
  }

  @Test
  void streamCountMismatchIsReported() throws Exception {
    RecordingConnection connection = connect();
    connection.receive("{\"type\":1,\"invocationId\":\"5\",\"target\":\"concat\",\"arguments\":[]}" + RS);
    assertEquals(
        "{\"type\":3,\"invocationId\":\"5\",\"error\":\"An unexpected error occurred invoking 'concat'"
            + " on the server. HubException: Client sent 0 stream(s), Hub method expects 1.\"}" + RS,
        connection.nextText());
  }

  @Test
  void manyUploadItemsPassThroughTheBoundedBuffer() throws Exception {
    RecordingConnection connection = connect();
    connection.receive(
        "{\"type\":4,\"invocationId\":\"2\",\"target\":\"streamEcho\",\"arguments\":[],\"streamIds\":[\"1\"]}" + RS);
    StringBuilder burst = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      burst.append(item("1", "\"" + i + "\""));
    }
    connection.receive(burst.toString());
    connection.receive(end("1"));
    for (int i = 0; i < 50; i++) {
      assertEquals(item("2", "\"" + i + "\""), connection.nextText());
    }
    assertEquals(end("2"), connection.nextText());
  }
}
