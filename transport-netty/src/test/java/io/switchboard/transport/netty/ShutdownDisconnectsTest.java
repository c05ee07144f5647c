package io.switchboard.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.hub.Hub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A stopping server runs every connection's OnDisconnected before its hub threads stop: a
 * connection leaves its endpoint before its hub hears of the end, so waiting for the endpoint
 * alone let the threads stop first (and the hub's end of the connection was refused).
 */
class ShutdownDisconnectsTest {
  private static final String RS = "\u001e";
  private static final int CLIENTS = 8;
  private static final AtomicInteger DISCONNECTED = new AtomicInteger();

  /** A hub whose OnDisconnected takes a moment, as one that writes to a database does. */
  public static class SlowToForgetHub extends Hub {
    @Override
    public void onDisconnected(Throwable error) throws InterruptedException {
      Thread.sleep(100);
      DISCONNECTED.incrementAndGet();
    }
  }

  @Test
  void stopReturnsOnceEveryOnDisconnectedRan() throws Exception {
    DISCONNECTED.set(0);
    SwitchboardServer server =
        SwitchboardServer.builder().port(0).hub("/hub", SlowToForgetHub.class).start();
    Http http = new Http(server.port());
    List<WsClient> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      WsClient client = http.webSocket("/hub");
      client.sendText("{\"protocol\":\"json\",\"version\":1}" + RS);
      assertEquals("{}" + RS, client.awaitText());
      clients.add(client);
    }

    server.stop(Duration.ofSeconds(30));

    assertEquals(CLIENTS, DISCONNECTED.get(), "OnDisconnected ran for every connection before stop returned");
    for (WsClient client : clients) {
      assertEquals(1000, Await.poll(client.closeCodes));
    }
  }
}
