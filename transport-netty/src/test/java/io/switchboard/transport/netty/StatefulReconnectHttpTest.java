package io.switchboard.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.connection.EndpointOptions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stateful-reconnect re-attach of WebSockets (protocol §6.5–§6.6) over real sockets. */
@Timeout(30)
class StatefulReconnectHttpTest {
  private final ReplayingHandler handler = new ReplayingHandler();
  private SwitchboardServer server;
  private Http http;
  private String token;

  @BeforeEach
  void start() throws Exception {
    server =
        SwitchboardServer.builder()
            .host("127.0.0.1")
            .port(0)
            .endpoint("/stateful", handler, EndpointOptions.builder().allowStatefulReconnects(true).build())
            .start();
    http = new Http(server.port());
    token =
        http.negotiate("/stateful", "?negotiateVersion=1&useStatefulReconnect=true")
            .get("connectionToken")
            .textValue();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private WsClient connected() throws Exception {
    WsClient client = http.webSocket("/stateful?id=" + token);
    assertEquals("connected", Await.poll(handler.events));
    client.sendText("before");
    assertEquals("before", client.awaitText());
    return client;
  }

  private void assertReattaches() throws Exception {
    assertEquals("lost", Await.poll(handler.events));
    handler.send("while away");
    WsClient again = http.webSocket("/stateful?id=" + token);
    assertEquals("reattached", Await.poll(handler.events), "no second onConnected");
    assertEquals("resumed", again.awaitText());
    assertEquals("while away", again.awaitText());
    again.sendText("after");
    assertEquals("after", again.awaitText());
  }

  @Test
  void aDroppedSocketReattachesWithoutLosingWrites() throws Exception {
    connected().socket.abort(); // TCP close, no Close frame
    assertReattaches();
  }

  @Test
  void dropTransportCutsTheSocketAndKeepsTheConnection() throws Exception {
    // A plain socket, not the JDK client: the JDK WebSocket client (17) asks its transport for
    // one frame at a time, and an end of stream that arrives after it delivered a frame but
    // before it asked for the next one (here: right after "before") trips an InternalError in
    // its demand accounting (TransportImpl.acknowledgeReception); it then reports
    // onError(InternalError) or nothing at all, never onClose 1006.
    try (RawHttp raw = new RawHttp(server.port())) {
      assertEquals(101, raw.upgrade("/stateful?id=" + token).status());
      assertEquals("connected", Await.poll(handler.events));
      raw.sendMaskedText("before");
      assertEquals("before", raw.readText());
      handler.connection().dropTransport();
      assertEquals(-1, raw.readByte(), "the end of the stream, no Close frame");
    }
    assertReattaches();
  }

  @Test
  void aCloseFrameEndsTheConnectionForGood() throws Exception {
    connected().socket.sendClose(1000, "").get(Await.SECONDS, TimeUnit.SECONDS);
    assertEquals("closed", Await.poll(handler.events));
    try (RawHttp raw = new RawHttp(server.port())) {
      assertEquals(404, raw.upgrade("/stateful?id=" + token).status());
    }
    assertTrue(handler.events.isEmpty());
  }
}
