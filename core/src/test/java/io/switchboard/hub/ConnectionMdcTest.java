package io.switchboard.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The connection id is in the MDC while a connection's hub code runs, and only then. */
class ConnectionMdcTest {
  private static final String RS = "\u001e";

  private final HubEndpoint<SampleHub> endpoint = HubEndpoint.create(SampleHub.class, HubOptions.defaults());

  @AfterEach
  void shutdown() {
    endpoint.shutdown();
  }

  @Test
  void aHubMethodSeesItsConnectionId() throws Exception {
    RecordingConnection connection = new RecordingConnection("mdc-1").handshake(endpoint, "json", 1);
    connection.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"mdcConnectionId\",\"arguments\":[]}" + RS);
    assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"mdc-1\"}" + RS, connection.nextText());
  }

  @Test
  void theThreadsOwnValueComesBack() {
    AtomicReference<String> during = new AtomicReference<>();
    MDC.put(ConnectionMdc.KEY, "outer");
    try {
      ConnectionMdc.around("inner", () -> during.set(MDC.get(ConnectionMdc.KEY))).run();
      assertEquals("inner", during.get());
      assertEquals("outer", MDC.get(ConnectionMdc.KEY));
    } finally {
      MDC.remove(ConnectionMdc.KEY);
    }
    ConnectionMdc.around("inner", () -> {}).run();
    assertNull(MDC.get(ConnectionMdc.KEY));
  }
}
