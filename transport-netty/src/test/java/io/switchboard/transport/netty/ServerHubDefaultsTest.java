package io.switchboard.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.hub.Hub;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The server builder's keep-alive and long-poll timeout apply to every hub (each far below its
 * reference default here, so that the test sees them act), and a hub's own options still win.
 */
class ServerHubDefaultsTest {
  private static final String RS = "\u001e";

  /** A hub with no methods. */
  public static class QuietHub extends Hub {}

  @Test
  void aQuietWebSocketIsPingedAtTheServersKeepAliveInterval() throws Exception {
    try (SwitchboardServer server =
        SwitchboardServer.builder().port(0).keepAliveInterval(Duration.ofMillis(100))
            .hub("/quiet", QuietHub.class).start()) {
      WsClient client = new Http(server.port()).webSocket("/quiet");
      client.sendText("{\"protocol\":\"json\",\"version\":1}" + RS);
      assertEquals("{}" + RS, client.awaitText());
      assertEquals("{\"type\":6}" + RS, client.awaitText());
    }
  }

  @Test
  void aPollEndsEmptyAtTheServersLongPollTimeoutUnlessTheHubSetsItsOwn() throws Exception {
    try (SwitchboardServer server =
        SwitchboardServer.builder().port(0).longPollTimeout(Duration.ofMillis(100))
            .hub("/quiet", QuietHub.class)
            .hub("/own", QuietHub.class,
                hub -> hub.endpoint(endpoint -> endpoint.longPollTimeout(Duration.ofMillis(150))))
            .start()) {
      Http http = new Http(server.port());
      for (String path : new String[] {"/quiet", "/own"}) {
        String url = path + "?id=" + http.token(path);
        assertEquals(200, http.send("GET", url).statusCode(), "the first poll, answered at once");
        assertEquals(200, http.send("POST", url, "{\"protocol\":\"json\",\"version\":1}" + RS).statusCode());
        assertEquals("{}" + RS, http.send("GET", url).body());
        HttpResponse<String> timedOut = http.send("GET", url);
        assertEquals(200, timedOut.statusCode());
        assertEquals("", timedOut.body());
      }
    }
  }
}
