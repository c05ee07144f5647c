package io.switchboard.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.hub.Hub;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two servers in one JVM share no threads nor state: closing one leaves the other serving, and
 * ends every thread the closed one started (its event loops, receive loops, heartbeat and hub
 * threads).
 */
class TwoServersTest {
  private static final String RS = "\u001e";

  /** A hub whose method runs on the hub threads and answers through the receive loops. */
  public static class EchoHub extends Hub {
    public String echo(String message) {
      return message;
    }
  }

  private static SwitchboardServer start() {
    return SwitchboardServer.builder().host("127.0.0.1").port(0).hub("/echo", EchoHub.class).start();
  }

  /** Handshakes, invokes {@code echo} and checks its completion. */
  private static void assertEchoes(SwitchboardServer server, String text) throws Exception {
    Http http = new Http(server.port());
    WsClient client = http.webSocket("/echo?id=" + http.token("/echo"));
    client.sendText("{\"protocol\":\"json\",\"version\":1}" + RS);
    assertEquals("{}" + RS, client.awaitText());
    client.sendText(
        "{\"type\":1,\"invocationId\":\"1\",\"target\":\"echo\",\"arguments\":[\"" + text + "\"]}"
            + RS);
    assertEquals(
        "{\"type\":3,\"invocationId\":\"1\",\"result\":\"" + text + "\"}" + RS, client.awaitText());
  }

  private static Set<Thread> serverThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(
            thread ->
                thread.getName().startsWith("switchboard-")
                    || thread.getName().toLowerCase(Locale.ROOT).contains("eventloop"))
        .collect(Collectors.toSet());
  }

  @Test
  void closingOneServerLeavesTheOtherServingAndEndsItsThreads() throws Exception {
    Set<Thread> before = serverThreads();
    SwitchboardServer first = start();
    assertEchoes(first, "one");
    Set<Thread> firstThreads = new HashSet<>(serverThreads());
    firstThreads.removeAll(before);
    assertTrue(
        firstThreads.stream().anyMatch(thread -> thread.getName().startsWith("switchboard-receive")),
        "the first server's receive loops: " + firstThreads);

    try (SwitchboardServer second = start()) {
      assertEchoes(second, "two");
      first.close();
      assertEchoes(second, "still");
      for (Thread thread : firstThreads) {
        thread.join(TimeUnit.SECONDS.toMillis(Await.SECONDS));
        assertFalse(thread.isAlive(), thread.getName() + " outlived its server");
      }
    }
  }
}
