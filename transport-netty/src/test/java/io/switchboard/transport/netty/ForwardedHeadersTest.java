package io.switchboard.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.connection.HttpRequestInfo;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ForwardedHeadersTest {
  private static final String[] FORWARDED = {
    "X-Forwarded-For", "203.0.113.7, 198.51.100.1",
    "X-Forwarded-Proto", "https",
    "X-Forwarded-Host", "chat.example.com"
  };

  @Test
  void aTrustedProxysRightMostValuesAreTheClients() throws Exception {
    HttpRequestInfo request = pollWithForwardedHeaders(InetAddress::isLoopbackAddress);
    assertEquals("198.51.100.1", request.remoteAddress());
    assertEquals("https", request.scheme());
    assertEquals("chat.example.com", request.header("Host"));
  }

  @Test
  void byDefaultForwardedHeadersAreIgnored() throws Exception {
    HttpRequestInfo request = pollWithForwardedHeaders(null);
    assertEquals("127.0.0.1", request.remoteAddress());
    assertEquals("http", request.scheme());
    assertEquals("127.0.0.1", request.header("Host").replaceFirst(":\\d+$", ""));
  }

  @Test
  void anUntrustedPeersForwardedHeadersAreIgnored() throws Exception {
    HttpRequestInfo request = pollWithForwardedHeaders(address -> !address.isLoopbackAddress());
    assertEquals("127.0.0.1", request.remoteAddress());
    assertEquals("http", request.scheme());
  }

  /** The request a long-polling connection started with, sent with {@link #FORWARDED}. */
  private static HttpRequestInfo pollWithForwardedHeaders(Predicate<InetAddress> trusted)
      throws Exception {
    EchoHandler echo = new EchoHandler();
    SwitchboardServer.Builder builder = SwitchboardServer.builder().port(0).endpoint("/echo", echo);
    if (trusted != null) {
      builder.trustForwardedHeaders(trusted);
    }
    try (SwitchboardServer server = builder.start()) {
      Http http = new Http(server.port());
      String token = http.token("/echo");
      var poll = http.sendAsync("GET", "/echo?id=" + token, "", FORWARDED);
      HttpRequestInfo request = echo.awaitConnection().request();
      http.send("DELETE", "/echo?id=" + token);
      poll.get(Await.SECONDS, TimeUnit.SECONDS);
      return request;
    }
  }
}
