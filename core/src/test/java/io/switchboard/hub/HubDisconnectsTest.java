package io.switchboard.hub;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link HubEndpoint#whenDisconnected()} completes once every connection's OnDisconnected ran, or
 * was skipped because the hub threads had already stopped.
 */
class HubDisconnectsTest {
  private final HubEndpoint<SampleHub> endpoint = HubEndpoint.create(SampleHub.class, HubOptions.defaults());

  @AfterEach
  void close() {
    endpoint.close();
  }

  @Test
  void completesOnceEveryOnDisconnectedRan() throws Exception {
    RecordingConnection first = new RecordingConnection("first").handshake(endpoint, "json", 1);
    RecordingConnection second = new RecordingConnection("second").handshake(endpoint, "json", 1);
    assertFalse(endpoint.whenDisconnected().isDone(), "both connections are open");

    first.end(null);
    second.end(null);

    endpoint.whenDisconnected().get(30, TimeUnit.SECONDS);
    assertTrue(SampleHub.DISCONNECTED.contains("first"));
    assertTrue(SampleHub.DISCONNECTED.contains("second"));
  }

  @Test
  void anEndAfterTheThreadsStoppedIsSkippedNotThrown() throws Exception {
    RecordingConnection late = new RecordingConnection("late").handshake(endpoint, "json", 1);
    endpoint.close();

    // The transport ends the connection after a stop that gave up waiting for it.
    assertDoesNotThrow(() -> late.end(null));

    endpoint.whenDisconnected().get(30, TimeUnit.SECONDS);
    assertFalse(SampleHub.DISCONNECTED.contains("late"), "no hub code runs once the threads stopped");
  }
}
