package io.switchboard.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.epoll.Epoll;
import io.switchboard.connection.TransportType;
import io.switchboard.hub.Hub;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SwitchboardServerTest {

  /** A hub for mounting; its methods are never invoked here. */
  public static class ChatHub extends Hub {}

  /** A hub that is never mounted. */
  public static class OtherHub extends Hub {}

  @Test
  void hubsAreMountedWithTheirOptions() throws Exception {
    try (SwitchboardServer server =
        SwitchboardServer.builder()
            .host("127.0.0.1")
            .port(0)
            .hub("/chat", ChatHub.class)
            .hub("/chat2", ChatHub.class, options -> options.transports(TransportType.WEB_SOCKETS))
            .hub(
                "/chat3",
                ChatHub.class,
                ChatHub::new,
                options -> options.allowStatefulReconnects(true))
            .start()) {
      Http http = new Http(server.port());
      assertEquals(3, http.negotiate("/chat", "?negotiateVersion=1").get("availableTransports").size());
      JsonNode webSocketsOnly = http.negotiate("/Chat2", "?negotiateVersion=1");
      assertEquals(
          "[{\"transport\":\"WebSockets\",\"transferFormats\":[\"Text\",\"Binary\"]}]",
          webSocketsOnly.get("availableTransports").toString());
      JsonNode stateful = http.negotiate("/chat3", "?negotiateVersion=1&useStatefulReconnect=true");
      assertTrue(stateful.get("useStatefulReconnect").booleanValue());
      assertFalse(
          http.negotiate("/chat", "?negotiateVersion=1&useStatefulReconnect=true")
              .has("useStatefulReconnect"));

      assertThrows(IllegalArgumentException.class, () -> server.hubContext(OtherHub.class));
      assertThrows(IllegalArgumentException.class, () -> server.hubContext("/nowhere"));
    }
  }

  @Test
  void closingEndsWebSocketsWith1000() throws Exception {
    EchoHandler echo = new EchoHandler();
    SwitchboardServer server =
        SwitchboardServer.builder().host("127.0.0.1").port(0).endpoint("/echo", echo).start();
    Http http = new Http(server.port());
    WsClient client = http.webSocket("/echo?id=" + http.token("/echo"));
    echo.awaitConnection();

    server.stop(Duration.ofSeconds(Await.SECONDS));
    assertEquals(1000, Await.poll(client.closeCodes));
    assertEquals(Optional.empty(), echo.awaitClosed());
    server.close();
  }

  @Test
  void aTakenPortFailsToStart() {
    try (SwitchboardServer first = SwitchboardServer.builder().host("127.0.0.1").port(0).start()) {
      SwitchboardServer.Builder second =
          SwitchboardServer.builder().host("127.0.0.1").port(first.port());
      assertThrows(IllegalStateException.class, second::start);
    }
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "aarch64"})
  void linuxServersRunOnEpoll() {
    assertEquals(IoTransport.EPOLL, IoTransport.best(), () -> "epoll: " + Epoll.unavailabilityCause());
  }

  @ParameterizedTest
  @EnumSource(IoTransport.class)
  void echoesOverEachIoTransport(IoTransport transport) throws Exception {
    assumeTrue(transport != IoTransport.EPOLL || Epoll.isAvailable(), "no epoll here");
    EchoHandler echo = new EchoHandler();
    Set<Class<?>> acceptedChannels = ConcurrentHashMap.newKeySet();
    try (SwitchboardServer server =
        SwitchboardServer.builder()
            .host("127.0.0.1")
            .port(0)
            .ioTransport(transport)
            .pipeline(pipeline -> acceptedChannels.add(pipeline.channel().getClass()))
            .endpoint("/echo", echo)
            .start()) {
      Http http = new Http(server.port());
      WsClient client = http.webSocket("/echo?id=" + http.token("/echo"));
      client.sendText("over " + transport);
      assertEquals("over " + transport, Await.poll(client.texts));
    }
    assertEquals(Set.of(transport.socketChannelClass()), acceptedChannels);
  }
}
