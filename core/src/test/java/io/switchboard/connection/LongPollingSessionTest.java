package io.switchboard.connection;

import static io.switchboard.connection.ConnectionEndpointTest.assertText;
import static io.switchboard.connection.TestRequests.get;
import static io.switchboard.connection.TestRequests.negotiate;
import static io.switchboard.connection.TestRequests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Long polling in the connection layer (protocol §1.9), with a scripted poll. */
class LongPollingSessionTest {
  private static final long UNBOUNDED = 1 << 20;

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final AtomicLong clock = new AtomicLong();
  private final RecordingHandler handler = new RecordingHandler();
  private ConnectionEndpoint endpoint = endpoint(EndpointOptions.defaults());
  private String token;

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private ConnectionEndpoint endpoint(EndpointOptions options) {
    return new ConnectionEndpoint(handler, options, scheduler, clock::get);
  }

  private TestPoll poll(String query, long maxBufferedBytes) {
    TestPoll poll = new TestPoll(scheduler);
    AttachResult result = endpoint.poll(get(query), poll, maxBufferedBytes);
    if (!result.isAccepted()) {
      poll.respond(result.rejection());
    }
    return poll;
  }

  private TestPoll poll() {
    return poll("id=" + token, UNBOUNDED);
  }

  /** Negotiates and sends the first poll; returns the connection. */
  private Connection connected() throws Exception {
    token =
        new ObjectMapper()
            .readTree(endpoint.negotiate(negotiate("negotiateVersion=1")).body())
            .get("connectionToken")
            .textValue();
    TransportResponse first = poll().await();
    assertEquals(200, first.status());
    assertEquals("application/octet-stream", first.contentType());
    assertEquals(0, first.body().length);
    assertEquals(1, handler.connected.size(), "the first poll starts the application");
    return handler.connected.get(0);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aPollGetsEverythingBufferedAsOneBody() throws Exception {
    Connection connection = connected();
    connection.write(bytes("one\u001e"));
    connection.write(bytes("two\u001e"));
    TransportResponse data = poll().await();
    assertEquals(200, data.status());
    assertEquals("application/octet-stream", data.contentType());
    assertEquals("one\u001etwo\u001e", data.bodyText());
  }

  @Test
  void aWaitingPollIsAnsweredByTheNextWrite() throws Exception {
    Connection connection = connected();
    TestPoll waiting = poll();
    assertFalse(waiting.answer.isDone());
    connection.write(bytes("late"));
    assertEquals("late", waiting.await().bodyText());
  }

  @Test
  void aPollWithoutDataTimesOutEmpty() throws Exception {
    endpoint = endpoint(EndpointOptions.builder().longPollTimeout(Duration.ofMillis(50)).build());
    connected();
    assertText(poll().await(), 200, "");
  }

  @Test
  void aNewerPollSupersedesTheWaitingOne() throws Exception {
    Connection connection = connected();
    TestPoll older = poll();
    TestPoll newer = poll();
    assertText(older.await(), 204, "");
    connection.write(bytes("x"));
    assertEquals("x", newer.await().bodyText());
  }

  private CompletableFuture<TransportResponse> post(String text) {
    return endpoint
        .send(request("POST", "id=" + token), ByteBuffer.wrap(bytes(text)), Runnable::run)
        .toCompletableFuture();
  }

  @Test
  void theApplicationEndingTheConnectionAnswersThePostsItHeld() throws Exception {
    handler.pauseOnData = true;
    Connection connection = connected();
    CompletableFuture<TransportResponse> held = post("taken");
    CompletableFuture<TransportResponse> queued = post("never read");
    assertFalse(held.isDone(), "back-pressure holds the POST whose body was taken");
    connection.close();
    // The clock never moves: the close itself answers, not the expiry of the connection.
    assertTrue(held.isDone(), "answered by the close");
    assertText(held.join(), 200, "");
    assertTrue(queued.isDone(), "answered by the close");
    assertEquals(200, queued.join().status());
    assertEquals(200, post("after the end").join().status(), "dropped, as nothing reads it");
  }

  @Test
  void closingDeliversTheFinalBytesThenEnds() throws Exception {
    Connection connection = connected();
    TestPoll waiting = poll();
    connection.write(bytes("close message"));
    connection.close();
    assertEquals("close message", waiting.await().bodyText());
    assertTrue(handler.closeEvents.isEmpty(), "the client has not seen the end yet");
    assertText(poll().await(), 204, "");
    assertEquals(1, handler.closeEvents.size());
    // The client's last requests after the server ended the connection get calm answers...
    assertText(poll().await(), 204, "");
    assertEquals(202, endpoint.delete(request("DELETE", "id=" + token)).status());
    // ...for one disconnect timeout.
    clock.addAndGet(TimeUnit.SECONDS.toNanos(16));
    endpoint.expireIdleConnections();
    assertText(poll().await(), 404, "No Connection with that ID");
  }

  @Test
  void deleteEndsTheConnectionAndTheWaitingPoll() throws Exception {
    connected();
    TestPoll waiting = poll();
    assertEquals(202, endpoint.delete(request("DELETE", "id=" + token)).status());
    assertText(waiting.await(), 204, "");
    assertEquals(1, handler.closeEvents.size());
    assertTrue(handler.closed.isEmpty(), "a client's DELETE is a clean end");
    // A poll that raced the DELETE learns that the connection is over.
    assertText(poll().await(), 204, "");
  }

  @Test
  void betweenPollsTheDisconnectTimeoutApplies() throws Exception {
    connected();
    TestPoll waiting = poll();
    clock.addAndGet(TimeUnit.MINUTES.toNanos(1));
    endpoint.expireIdleConnections();
    assertEquals(1, endpoint.connectionCount(), "a waiting poll keeps the connection active");

    ManagedConnection connection = (ManagedConnection) handler.connected.get(0);
    connection.pollAbandoned(waiting);
    assertEquals(ConnectionState.INACTIVE, connection.state());
    clock.addAndGet(TimeUnit.SECONDS.toNanos(16));
    endpoint.expireIdleConnections();
    assertEquals(0, endpoint.connectionCount());
    assertEquals(1, handler.closeEvents.size());
  }

  @Test
  void theFirstPollsRequestIsTheConnectionsRequest() throws Exception {
    token =
        new ObjectMapper()
            .readTree(endpoint.negotiate(negotiate("negotiateVersion=1")).body())
            .get("connectionToken")
            .textValue();
    poll("id=" + token + "&room=blue", UNBOUNDED).await();
    poll("id=" + token + "&room=red", UNBOUNDED);
    assertEquals("blue", handler.connected.get(0).request().queryParameter("room"));
  }

  @Test
  void tooMuchBufferedOutputAbortsTheConnection() throws Exception {
    token =
        new ObjectMapper()
            .readTree(endpoint.negotiate(negotiate("negotiateVersion=1")).body())
            .get("connectionToken")
            .textValue();
    poll("id=" + token, 4).await();
    Connection connection = handler.connected.get(0);
    connection.write(bytes("abc"));
    connection.write(bytes("de"));
    assertInstanceOf(IOException.class, handler.closed.get(0));
    assertText(poll().await(), 404, "No Connection with that ID");
  }
}
