package io.switchboard.connection;

import static io.switchboard.connection.TestRequests.get;
import static io.switchboard.connection.TestRequests.negotiate;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.events.ConnectionStatus;
import io.switchboard.events.EndpointEvents;
import io.switchboard.events.SwitchboardEvents;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an endpoint's connections report to {@link SwitchboardEvents}, with the reference's statuses. */
class ConnectionEventsTest {
  private static final TransportType WS = TransportType.WEB_SOCKETS;

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final AtomicLong clock = new AtomicLong();
  private final RecordingHandler handler = new RecordingHandler();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final SwitchboardEvents recorder =
      new SwitchboardEvents() {
        @Override
        public void connectionOpened(String endpoint, String connectionId, TransportType transport) {
          events.add("opened " + endpoint + " " + transport);
        }

        @Override
        public void connectionClosed(
            String endpoint,
            String connectionId,
            TransportType transport,
            ConnectionStatus status,
            Throwable error,
            long durationNanos) {
          events.add("closed " + endpoint + " " + transport + " " + status + " " + (error != null));
        }
      };

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  private ConnectionEndpoint endpoint(SwitchboardEvents listener) {
    return new ConnectionEndpoint(
        handler, EndpointOptions.defaults(), scheduler, clock::get, EndpointEvents.of(listener, "/hub"));
  }

  private static ManagedConnection started(ConnectionEndpoint endpoint, RecordingSession session) {
    ManagedConnection connection = (ManagedConnection) endpoint.attach(WS, get(""), session).connection();
    session.connection = connection;
    connection.transportStarted(session);
    return connection;
  }

  @Test
  void aClosedConnectionIsANormalClosure() {
    RecordingSession session = new RecordingSession();
    started(endpoint(recorder), session).close();
    assertEquals(List.of("opened /hub WEB_SOCKETS", "closed /hub WEB_SOCKETS NORMAL_CLOSURE false"), events);
  }

  @Test
  void aFailedConnectionIsANormalClosureWithItsError() {
    RecordingSession session = new RecordingSession();
    ManagedConnection connection = started(endpoint(recorder), session);
    connection.transportEnded(session, new IOException("reset"));
    assertEquals(List.of("opened /hub WEB_SOCKETS", "closed /hub WEB_SOCKETS NORMAL_CLOSURE true"), events);
  }

  @Test
  void anExpiredConnectionTimedOutWithoutATransport() {
    ConnectionEndpoint endpoint = endpoint(recorder);
    endpoint.negotiate(negotiate("negotiateVersion=1"));
    clock.addAndGet(TimeUnit.SECONDS.toNanos(16));
    endpoint.expireIdleConnections();
    assertEquals(List.of("closed /hub null TIMEOUT false"), events);
  }

  @Test
  void aShutdownIsAnAppShutdown() throws Exception {
    ConnectionEndpoint endpoint = endpoint(recorder);
    started(endpoint, new RecordingSession());
    endpoint.shutdown().get(10, TimeUnit.SECONDS);
    assertEquals(List.of("opened /hub WEB_SOCKETS", "closed /hub WEB_SOCKETS APP_SHUTDOWN false"), events);
  }

  @Test
  void aFailingListenerLeavesTheConnectionUnharmed() {
    SwitchboardEvents failing =
        new SwitchboardEvents() {
          @Override
          public void connectionOpened(String endpoint, String connectionId, TransportType transport) {
            throw new IllegalStateException("listener bug");
          }
        };
    ConnectionEndpoint endpoint = endpoint(failing);
    RecordingSession session = new RecordingSession();
    ManagedConnection connection = started(endpoint, session);
    assertEquals(1, handler.connected.size());
    connection.close();
    assertEquals(0, endpoint.connectionCount());
    assertEquals(List.of(connection.connectionId()), handler.closeEvents);
  }
}
