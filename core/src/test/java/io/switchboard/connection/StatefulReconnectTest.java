package io.switchboard.connection;

import static io.switchboard.connection.TestRequests.get;
import static io.switchboard.connection.TestRequests.negotiate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The re-attach contract of {@link ConnectionListener} (protocol §6.5–§6.6). */
class StatefulReconnectTest {
  private static final TransportType WS = TransportType.WEB_SOCKETS;

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final AtomicLong clock = new AtomicLong();
  private final List<String> events = new CopyOnWriteArrayList<>();
  /** Run inside onTransportReattached, to write from there or from elsewhere meanwhile. */
  private Runnable onReattached = () -> {};
  private Connection connection;
  private final ConnectionHandler handler =
      connected -> {
        connection = connected;
        events.add("connected");
        return new ConnectionListener() {
          @Override
          public void onData(ByteBuffer data) {}

          @Override
          public void onClosed(Throwable error) {
            events.add("closed " + (error == null ? "cleanly" : error.getMessage()));
          }

          @Override
          public void onTransportLost() {
            events.add("lost");
          }

          @Override
          public void onTransportReattached() {
            events.add("reattached");
            onReattached.run();
          }
        };
      };
  private final ConnectionEndpoint endpoint =
      new ConnectionEndpoint(
          handler, EndpointOptions.builder().allowStatefulReconnects(true).build(), scheduler, clock::get);

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private String token(boolean stateful) throws IOException {
    String query = "negotiateVersion=1" + (stateful ? "&useStatefulReconnect=true" : "");
    return new ObjectMapper()
        .readTree(endpoint.negotiate(negotiate(query)).body())
        .get("connectionToken")
        .textValue();
  }

  private RecordingSession attach(String token) {
    RecordingSession session = new RecordingSession();
    AttachResult result = endpoint.attach(WS, get("id=" + token), session);
    assertTrue(result.isAccepted(), () -> "rejected: " + result.rejection().bodyText());
    session.connection = result.managed();
    session.connection.transportStarted(session);
    return session;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> texts(RecordingSession session) {
    return session.written.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
  }

  @Test
  void aDropDetachesAndANewSocketReattaches() throws IOException {
    String token = token(true);
    RecordingSession first = attach(token);
    ManagedConnection managed = first.connection;
    first.drop();
    assertEquals(ConnectionState.INACTIVE, managed.state());
    connection.write(bytes("while away")); // dropped: nothing is attached

    onReattached = () -> connection.write(bytes("sequence"));
    RecordingSession second = attach(token);
    connection.write(bytes("after"));
    assertEquals(List.of("connected", "lost", "reattached"), events);
    assertEquals(List.of("sequence", "after"), texts(second));
    assertSame(managed, second.connection);
    assertEquals(ConnectionState.ACTIVE, managed.state());
  }

  @Test
  void writesFromOtherThreadsDuringTheReattachCallbackFollowIt() throws Exception {
    String token = token(true);
    attach(token).drop();
    onReattached =
        () -> {
          Thread other = new Thread(() -> connection.write(bytes("racing")));
          other.start();
          try {
            other.join();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          connection.write(bytes("sequence"));
        };
    assertEquals(List.of("sequence", "racing"), texts(attach(token)));
  }

  @Test
  void aDetachedConnectionExpiresWithTheDropAsError() throws IOException {
    attach(token(true)).drop();
    clock.addAndGet(TimeUnit.SECONDS.toNanos(16));
    endpoint.expireIdleConnections();
    assertEquals(0, endpoint.connectionCount());
    assertEquals(List.of("connected", "lost", "closed dropped"), events);
  }

  @Test
  void aGracefulEndIsFinal() throws IOException {
    String token = token(true);
    RecordingSession session = attach(token);
    session.connection.transportEnded(session, null); // e.g. the client's Close frame
    assertEquals(List.of("connected", "closed cleanly"), events);
    RecordingSession again = new RecordingSession();
    assertEquals(404, endpoint.attach(WS, get("id=" + token), again).rejection().status());
  }

  @Test
  void withoutStatefulReconnectADropEndsTheConnection() throws IOException {
    String token = token(false);
    attach(token).drop();
    assertEquals(List.of("connected", "closed dropped"), events);
    assertEquals(0, endpoint.connectionCount());
  }

  @Test
  void aNewSocketReplacesOneThatLooksAlive() throws IOException {
    String token = token(true);
    RecordingSession first = attach(token);
    RecordingSession second = attach(token);
    assertEquals(1, first.aborts, "the old socket is cut");
    assertEquals(
        List.of("connected", "lost", "reattached"), events);
    connection.write(bytes("x"));
    assertEquals(List.of("x"), texts(second));
    assertTrue(first.written.isEmpty());
  }

  @Test
  void pausedReadingCarriesOverToTheNewSocket() throws IOException {
    String token = token(true);
    RecordingSession first = attach(token);
    connection.pauseReading();
    first.drop();
    RecordingSession second = new RecordingSession();
    assertNull(endpoint.attach(WS, get("id=" + token), second).rejection());
    assertEquals(1, second.pauses);
  }
}
