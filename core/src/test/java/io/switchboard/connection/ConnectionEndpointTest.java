package io.switchboard.connection;

import static io.switchboard.connection.TestRequests.get;
import static io.switchboard.connection.TestRequests.negotiate;
import static io.switchboard.connection.TestRequests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionEndpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TransportType WS = TransportType.WEB_SOCKETS;

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final AtomicLong clock = new AtomicLong();
  private final RecordingHandler handler = new RecordingHandler();
  private final ConnectionEndpoint endpoint = endpoint(EndpointOptions.defaults());

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  private ConnectionEndpoint endpoint(EndpointOptions options) {
    return new ConnectionEndpoint(handler, options, scheduler, clock::get);
  }

  private static JsonNode negotiated(ConnectionEndpoint endpoint, String query) throws IOException {
    return JSON.readTree(endpoint.negotiate(negotiate(query)).body());
  }

  private static String token(ConnectionEndpoint endpoint) throws IOException {
    return negotiated(endpoint, "negotiateVersion=1").get("connectionToken").textValue();
  }

  private RecordingSession lastSession;

  private AttachResult attach(ConnectionEndpoint endpoint, TransportType type, String query) {
    RecordingSession session = new RecordingSession();
    AttachResult result = endpoint.attach(type, get(query), session);
    session.connection = result.managed();
    lastSession = session;
    return result;
  }

  /** Attaches and starts a transport; returns the connection. */
  private ManagedConnection started(ConnectionEndpoint endpoint, TransportType type, String query) {
    ManagedConnection connection = attach(endpoint, type, query).managed();
    connection.transportStarted(lastSession);
    return connection;
  }

  private static void assertRejected(AttachResult result, int status, String body) {
    assertNull(result.connection());
    assertText(result.rejection(), status, body);
  }

  static void assertText(TransportResponse response, int status, String body) {
    assertEquals(status, response.status());
    assertEquals("text/plain", response.contentType());
    assertEquals(body, response.bodyText());
  }

  static TransportResponse send(ConnectionEndpoint endpoint, String query) {
    return endpoint
        .send(request("POST", query), ByteBuffer.allocate(0), Runnable::run)
        .toCompletableFuture()
        .join();
  }

  @Test
  void theTokenOpensTheConnectionAndTheIdDoesNot() throws IOException {
    JsonNode body = negotiated(endpoint, "negotiateVersion=1");
    String id = body.get("connectionId").textValue();
    String token = body.get("connectionToken").textValue();

    assertRejected(attach(endpoint, WS, "id=" + id), 404, "No Connection with that ID");
    AttachResult attached = attach(endpoint, WS, "id=" + token);
    assertTrue(attached.isAccepted());
    assertEquals(id, attached.managed().connectionId());
    assertEquals(ConnectionState.ACTIVE, attached.managed().state());
    assertEquals(WS, attached.managed().transportType());
  }

  @Test
  void version0UsesTheIdAsToken() throws IOException {
    String id = negotiated(endpoint, "").get("connectionId").textValue();
    assertTrue(attach(endpoint, WS, "id=" + id).isAccepted());
  }

  @Test
  void idValuesAreCaseSensitiveButTheKeyIsNot() throws IOException {
    String token = token(endpoint);
    String otherCase =
        token.equals(token.toUpperCase(Locale.ROOT))
            ? token.toLowerCase(Locale.ROOT)
            : token.toUpperCase(Locale.ROOT);
    assertRejected(attach(endpoint, WS, "id=" + otherCase), 404, "No Connection with that ID");
    assertTrue(attach(endpoint, WS, "ID=" + token).isAccepted());
  }

  @Test
  void aWebSocketWithoutIdCreatesAConnection() {
    AttachResult result = attach(endpoint, WS, "");
    assertTrue(result.isAccepted());
    assertEquals(1, endpoint.connectionCount());
    assertEquals(22, result.managed().connectionId().length());
    assertEquals(result.managed().connectionId(), result.managed().token());
  }

  @Test
  void otherTransportsRequireAnId() {
    assertRejected(
        attach(endpoint, TransportType.SERVER_SENT_EVENTS, ""), 400, "Connection ID required");
    assertRejected(attach(endpoint, TransportType.LONG_POLLING, "id="), 400, "Connection ID required");
    assertEquals(0, endpoint.connectionCount());
  }

  @Test
  void disabledTransportsAreNotFound() throws IOException {
    ConnectionEndpoint longPollingOnly =
        endpoint(EndpointOptions.builder().transports(Set.of(TransportType.LONG_POLLING)).build());
    String expected = "WebSockets transport not supported by this end point type";
    assertRejected(attach(longPollingOnly, WS, ""), 404, expected);
    assertRejected(attach(longPollingOnly, WS, "id=" + token(longPollingOnly)), 404, expected);
  }

  @Test
  void theFirstTransportFixesTheType() throws IOException {
    String token = token(endpoint);
    assertTrue(attach(endpoint, WS, "id=" + token).isAccepted());
    assertRejected(
        attach(endpoint, TransportType.LONG_POLLING, "id=" + token),
        400,
        "Cannot change transports mid-connection");
    assertRejected(
        attach(endpoint, TransportType.SERVER_SENT_EVENTS, "id=" + token),
        400,
        "Cannot change transports mid-connection");
  }

  @Test
  void aSecondWebSocketConflicts() throws IOException {
    String token = token(endpoint);
    assertTrue(attach(endpoint, WS, "id=" + token).isAccepted());
    assertRejected(attach(endpoint, WS, "id=" + token), 409, "");
  }

  @Test
  void aDisposedConnectionIsNotFound() throws IOException {
    String token = token(endpoint);
    ManagedConnection connection = started(endpoint, WS, "id=" + token);
    connection.close();
    assertEquals(ConnectionState.DISPOSED, connection.state());
    assertRejected(attach(endpoint, WS, "id=" + token), 404, "No Connection with that ID");
  }

  @Test
  void aConnectionDisposedWhileBeingLookedUpIsAnEmpty404() {
    ManagedConnection negotiated = new ConnectionRegistry(clock::get).create(handler, 1, false);
    negotiated.dispose(null);
    assertRejected(
        AttachResult.rejected(negotiated.activate(WS, get(""), new RecordingSession())), 404, "");
  }

  @Test
  void sendAndDeleteRulesForWebSocketConnections() throws IOException {
    String token = token(endpoint);
    attach(endpoint, WS, "id=" + token);
    assertText(send(endpoint, "id=" + token), 405, "POST requests are not allowed for WebSocket connections.");
    assertText(
        endpoint.delete(request("DELETE", "id=" + token)),
        400,
        "Cannot terminate this connection using the DELETE endpoint.");
    assertText(send(endpoint, ""), 400, "Connection ID required");
    assertText(endpoint.delete(request("DELETE", "id=nope")), 404, "No Connection with that ID");
  }

  @Test
  void unattachedConnectionsExpireAfterTheDisconnectTimeout() throws IOException {
    String token = token(endpoint);
    clock.addAndGet(TimeUnit.SECONDS.toNanos(15));
    endpoint.expireIdleConnections();
    assertEquals(1, endpoint.connectionCount(), "exactly 15 s is not yet expired");

    clock.addAndGet(1);
    endpoint.expireIdleConnections();
    assertEquals(0, endpoint.connectionCount());
    assertRejected(attach(endpoint, WS, "id=" + token), 404, "No Connection with that ID");
    assertTrue(handler.connected.isEmpty(), "never handed to the application");
  }

  @Test
  void activeConnectionsDoNotExpire() throws IOException {
    started(endpoint, WS, "id=" + token(endpoint));
    clock.addAndGet(TimeUnit.MINUTES.toNanos(5));
    endpoint.expireIdleConnections();
    assertEquals(1, endpoint.connectionCount());
  }

  @Test
  void onConnectedOnceAndOnClosedExactlyOnce() throws IOException {
    ManagedConnection connection = attach(endpoint, WS, "id=" + token(endpoint)).managed();
    assertTrue(handler.connected.isEmpty(), "not before the transport started");
    connection.transportStarted(lastSession);
    connection.transportStarted(lastSession);
    assertEquals(1, handler.connected.size());
    assertSame(connection, handler.connected.get(0));

    connection.close();
    connection.abort();
    connection.dispose(new IllegalStateException("late"));
    assertEquals(1, handler.closeEvents.size());
    assertTrue(handler.closed.isEmpty(), "a clean close reports no error");
    assertEquals(0, endpoint.connectionCount());
  }

  @Test
  void aTransportFailureReachesOnClosed() throws IOException {
    RecordingSession session = new RecordingSession();
    ManagedConnection connection =
        endpoint.attach(WS, get("id=" + token(endpoint)), session).managed();
    session.connection = connection;
    connection.transportStarted(session);
    IllegalStateException drop = new IllegalStateException("network drop");

    connection.transportEnded(new RecordingSession(), drop);
    assertEquals(ConnectionState.ACTIVE, connection.state(), "a stale session is ignored");
    connection.transportEnded(session, drop);
    assertSame(drop, handler.closed.get(0));
  }

  @Test
  void aFailingListenerAbortsItsConnection() {
    ConnectionHandler throwing =
        connection ->
            new ConnectionListener() {
              @Override
              public void onData(ByteBuffer data) {
                throw new IllegalArgumentException("bad input");
              }

              @Override
              public void onClosed(Throwable error) {
                handler.closed.add(error);
              }
            };
    ConnectionEndpoint failing = new ConnectionEndpoint(throwing, EndpointOptions.defaults(), scheduler);
    RecordingSession session = new RecordingSession();
    ManagedConnection connection = failing.attach(WS, get(""), session).managed();
    session.connection = connection;
    connection.transportStarted(session);

    connection.receive(ByteBuffer.allocate(1));
    assertEquals(1, session.aborts);
    assertEquals("bad input", handler.closed.get(0).getMessage());
  }

  @Test
  void aThrowingHandlerAbortsTheConnection() {
    ConnectionHandler throwing =
        connection -> {
          throw new IllegalStateException("refused");
        };
    ConnectionEndpoint failing = new ConnectionEndpoint(throwing, EndpointOptions.defaults(), scheduler);
    RecordingSession session = new RecordingSession();
    ManagedConnection connection = failing.attach(WS, get(""), session).managed();
    session.connection = connection;
    connection.transportStarted(session);
    assertEquals(1, session.aborts);
    assertEquals(ConnectionState.DISPOSED, connection.state());
  }

  @Test
  void writesGoToTheAttachedSession() {
    RecordingSession session = new RecordingSession();
    ManagedConnection connection = endpoint.attach(WS, get(""), session).managed();
    session.connection = connection;
    byte[] data = {1, 2, 3};
    connection.write(data);
    assertSame(data, session.written.get(0));
  }

  @Test
  void shutdownClosesEveryConnectionAndRefusesNewOnes() throws Exception {
    token(endpoint);
    RecordingSession session = new RecordingSession();
    ManagedConnection attached = endpoint.attach(WS, get(""), session).managed();
    session.connection = attached;
    attached.transportStarted(session);

    CompletableFuture<Void> drained = endpoint.shutdown();
    drained.get(10, TimeUnit.SECONDS);
    assertEquals(0, endpoint.connectionCount());
    assertEquals(1, session.closes);
    assertEquals(503, endpoint.negotiate(negotiate("")).status());
    assertRejected(attach(endpoint, WS, ""), 503, "");
  }
}
