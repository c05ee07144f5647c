package io.switchboard.transport.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.switchboard.connection.EndpointOptions;
import io.switchboard.connection.TransportType;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Server-Sent Events (protocol §1.8) with POST sends (§1.7). */
@Timeout(30)
class ServerSentEventsTest {
  private final EchoHandler echo = new EchoHandler();
  private SwitchboardServer server;
  private Http http;

  @BeforeEach
  void start() {
    server =
        SwitchboardServer.builder()
            .host("127.0.0.1")
            .port(0)
            .endpoint("/echo", echo)
            .endpoint(
                "/ws-only",
                new EchoHandler(),
                EndpointOptions.builder().transports(Set.of(TransportType.WEB_SOCKETS)).build())
            .start();
    http = new Http(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Table H; {@code \n}, {@code \r} and {@code \u001e} are written as escapes. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"type\":6}\\u001e | data: {\"type\":6}\\u001e\\r\\n\\r\\n",
        "{\"type\":6}\\u001e{\"type\":6}\\u001e | data: {\"type\":6}\\u001e{\"type\":6}\\u001e\\r\\n\\r\\n",
        "A\\nB | data: A\\r\\ndata: B\\r\\n\\r\\n",
        "A\\r\\nB | data: A\\r\\ndata: B\\r\\n\\r\\n",
        "A\\n | data: A\\r\\n\\r\\n",
        "'' | \\r\\n",
      })
  void framing(String chunk, String event) {
    ByteBuf framed =
        ServerSentEvents.event(UnpooledByteBufAllocator.DEFAULT, unescape(chunk).getBytes(StandardCharsets.UTF_8));
    assertEquals(unescape(event), framed.toString(StandardCharsets.UTF_8));
    framed.release();
  }

  @Test
  void thePreambleIsAComment() {
    assertArrayEquals(new byte[] {0x3a, 0x0d, 0x0a}, ServerSentEvents.PREAMBLE);
  }

  private static String unescape(String text) {
    return text.replace("\\u001e", "\u001e").replace("\\r", "\r").replace("\\n", "\n");
  }

  private HttpResponse<InputStream> openStream(String token) throws Exception {
    return http.client
        .sendAsync(
            http.request("GET", "/echo?id=" + token, "", "Accept", "text/event-stream"),
            HttpResponse.BodyHandlers.ofInputStream())
        .get(Await.SECONDS, TimeUnit.SECONDS);
  }

  private static String read(InputStream in, String expected) throws Exception {
    return new String(in.readNBytes(expected.length()), StandardCharsets.UTF_8);
  }

  @Test
  void aStreamCarriesEachWriteAsOneEvent() throws Exception {
    String token = http.token("/echo");
    HttpResponse<InputStream> stream = openStream(token);
    assertEquals(200, stream.statusCode());
    assertEquals("text/event-stream", stream.headers().firstValue("content-type").orElseThrow());
    assertEquals("no-cache,no-store", stream.headers().firstValue("cache-control").orElseThrow());
    assertEquals("no-cache", stream.headers().firstValue("pragma").orElseThrow());
    assertEquals("identity", stream.headers().firstValue("content-encoding").orElseThrow());
    assertEquals("chunked", stream.headers().firstValue("transfer-encoding").orElseThrow());
    InputStream body = stream.body();
    assertEquals(":\r\n", read(body, ":\r\n"), "the preamble comes at once");

    HttpResponse<String> post = http.send("POST", "/echo?id=" + token, "line1\nline2");
    assertEquals(200, post.statusCode());
    assertEquals("text/plain", post.headers().firstValue("content-type").orElseThrow());
    assertEquals("", post.body());
    String event = "data: line1\r\ndata: line2\r\n\r\n";
    assertEquals(event, read(body, event));
    assertEquals(TransportType.SERVER_SENT_EVENTS, echo.awaitConnection().transportType());
  }

  @Test
  void theStreamEndsWithTheConnection() throws Exception {
    String token = http.token("/echo");
    InputStream body = openStream(token).body();
    read(body, ":\r\n");
    http.send("POST", "/echo?id=" + token, "close");
    assertEquals("data: bye\r\n\r\n", new String(body.readAllBytes(), StandardCharsets.UTF_8));
    assertEquals(Optional.empty(), echo.awaitClosed());
    assertEquals(404, http.send("POST", "/echo?id=" + token, "late").statusCode());
  }

  @Test
  void aSecondStreamConflicts() throws Exception {
    String token = http.token("/echo");
    read(openStream(token).body(), ":\r\n");
    HttpResponse<String> second =
        http.send("GET", "/echo?id=" + token, "", "Accept", "text/event-stream");
    assertEquals(409, second.statusCode());
    assertEquals("", second.body());
  }

  @Test
  void postStatuses() throws Exception {
    HttpResponse<String> missing = http.send("POST", "/echo", "x");
    assertEquals(400, missing.statusCode());
    assertEquals("Connection ID required", missing.body());
    HttpResponse<String> unknown = http.send("POST", "/echo?id=nope", "x");
    assertEquals(404, unknown.statusCode());
    assertEquals("No Connection with that ID", unknown.body());
  }

  @Test
  void disabledTransportsAreNotFound() throws Exception {
    String token = http.token("/ws-only");
    HttpResponse<String> sse =
        http.send("GET", "/ws-only?id=" + token, "", "Accept", "text/event-stream");
    assertEquals(404, sse.statusCode());
    assertEquals("ServerSentEvents transport not supported by this end point type", sse.body());
    HttpResponse<String> poll = http.send("GET", "/ws-only?id=" + token);
    assertEquals(404, poll.statusCode());
    assertEquals("LongPolling transport not supported by this end point type", poll.body());
    assertEquals(1, http.negotiate("/ws-only", "?negotiateVersion=1").get("availableTransports").size());
  }
}
