package io.switchboard.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.switchboard.server.SwitchboardApplication;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Switchboard's handler and transports (WebSocket, Server-Sent Events, long polling) in Netty's
 * {@link EmbeddedChannel}, byte for byte and without a socket; every channel ends with {@code
 * finishAndReleaseAll()}, so the leak detector sees any buffer left behind.
 */
class TransportsEmbeddedTest {
  private final EchoHandler echo = new EchoHandler();
  private final SwitchboardApplication application =
      SwitchboardApplication.builder().endpoint("/echo", echo).build();
  private final SwitchboardHttpHandler switchboard =
      SwitchboardHttpHandler.builder(application).build();

  @AfterEach
  void close() {
    application.close();
  }

  private static byte[] concat(byte[] first, byte[] second) {
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    both.writeBytes(first);
    both.writeBytes(second);
    return both.toByteArray();
  }

  /** A masked client Close frame with status 1000. */
  private static byte[] maskedClose() {
    byte[] mask = {1, 2, 3, 4};
    return new byte[] {(byte) 0x88, (byte) 0x82, 1, 2, 3, 4, (byte) (0x03 ^ mask[0]), (byte) (0xe8 ^ mask[1])};
  }

  @Test
  void aWebSocketGetsTheFrameSentWithItsUpgradeEchoesAndCloses() throws Exception {
    try (EmbeddedHttp client = new EmbeddedHttp(switchboard)) {
      String token = client.token("/echo");
      byte[] upgrade = RawHttp.upgradeRequest("/echo?id=" + token).getBytes(StandardCharsets.US_ASCII);
      client.send(concat(upgrade, RawHttp.maskedText("first")));
      String written = client.written();
      assertTrue(written.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), written);
      assertTrue(written.endsWith("\r\n\r\n\u0081\u0005first"), written);

      client.send(RawHttp.maskedText("close"));
      assertEquals("\u0081\u0003bye\u0088\u0002\u0003\u00e8", client.written(), "bye, then Close 1000");
      client.send(maskedClose());
      assertFalse(client.channel.isActive());
      assertEquals(Optional.empty(), echo.awaitClosed());
    }
  }

  @Test
  void withSeparateHttpCodecsTheFrameSentWithTheUpgradeIsReceivedToo() throws Exception {
    try (EmbeddedHttp negotiation = new EmbeddedHttp(switchboard)) {
      String token = negotiation.token("/echo");
      EmbeddedChannel channel =
          new EmbeddedChannel(
              new HttpRequestDecoder(), new HttpResponseEncoder(), new HttpObjectAggregator(1 << 16), switchboard);
      byte[] upgrade = RawHttp.upgradeRequest("/echo?id=" + token).getBytes(StandardCharsets.US_ASCII);
      channel.writeInbound(Unpooled.wrappedBuffer(concat(upgrade, RawHttp.maskedText("first"))));
      channel.runPendingTasks();
      StringBuilder written = new StringBuilder();
      for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
        written.append(((io.netty.buffer.ByteBuf) out).toString(StandardCharsets.ISO_8859_1));
        ((io.netty.buffer.ByteBuf) out).release();
      }
      assertTrue(written.toString().endsWith("\r\n\r\n\u0081\u0005first"), written.toString());
      assertFalse(channel.finishAndReleaseAll());
    }
  }

  @Test
  void aServerSentEventsStreamCarriesEventsAndEndsWithItsResponse() throws Exception {
    try (EmbeddedHttp stream = new EmbeddedHttp(switchboard);
        EmbeddedHttp sender = new EmbeddedHttp(switchboard)) {
      String token = sender.token("/echo");
      stream.send(EmbeddedHttp.request("GET", "/echo?id=" + token, "Accept: text/event-stream"));
      String head = stream.written();
      assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
      assertTrue(head.endsWith("\r\n\r\n3\r\n:\r\n\r\n"), "the preamble chunk: " + head);

      sender.send(EmbeddedHttp.post("/echo?id=" + token, "hi"));
      assertTrue(sender.written().startsWith("HTTP/1.1 200 OK\r\n"));
      assertEquals("c\r\ndata: hi\r\n\r\n\r\n", stream.written());

      sender.send(EmbeddedHttp.post("/echo?id=" + token, "close"));
      sender.written();
      assertEquals("d\r\ndata: bye\r\n\r\n\r\n0\r\n\r\n", stream.written(), "the last chunk ends it");
      assertEquals(Optional.empty(), echo.awaitClosed());
      assertTrue(stream.channel.isActive(), "the connection serves the next request");
      assertNull(stream.channel.pipeline().get("switchboard-sse"));
      stream.token("/echo");
    }
  }

  @Test
  void aLongPollWaitsForDataAndADeleteEndsIt() throws Exception {
    try (EmbeddedHttp poller = new EmbeddedHttp(switchboard);
        EmbeddedHttp sender = new EmbeddedHttp(switchboard)) {
      String token = sender.token("/echo");
      String poll = EmbeddedHttp.request("GET", "/echo?id=" + token);
      poller.send(poll);
      assertTrue(poller.written().startsWith("HTTP/1.1 200 OK\r\n"), "the first poll answers at once");
      poller.send(poll);
      assertEquals("", poller.written(), "the next poll waits");

      sender.send(EmbeddedHttp.post("/echo?id=" + token, "hi"));
      sender.written();
      String answer = poller.written();
      assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer);
      assertTrue(answer.contains("content-type: application/octet-stream"), answer);
      assertTrue(answer.endsWith("\r\n\r\nhi"), answer);

      poller.send(poll);
      assertEquals("", poller.written());
      sender.send(EmbeddedHttp.request("DELETE", "/echo?id=" + token));
      assertTrue(sender.written().startsWith("HTTP/1.1 202 Accepted\r\n"));
      assertTrue(poller.written().startsWith("HTTP/1.1 204 No Content\r\n"), "the waiting poll ends");
      assertEquals(Optional.empty(), echo.awaitClosed());
    }
  }

  private FullHttpResponse answer(FullHttpRequest request) {
    EmbeddedChannel channel = new EmbeddedChannel(switchboard);
    channel.writeInbound(request);
    FullHttpResponse response = channel.readOutbound();
    assertFalse(channel.isActive(), "the connection is closed after the answer");
    assertEquals(0, request.refCnt(), "the request is released");
    assertFalse(channel.finishAndReleaseAll());
    return response;
  }

  private static int statusOf(FullHttpResponse response) {
    try {
      return response.status().code();
    } finally {
      response.release();
    }
  }

  @Test
  void anUndecodablePathIsAnswered400AndReleased() {
    FullHttpRequest request =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, HttpMethod.POST, "/echo%zz/negotiate", Unpooled.buffer().writeZero(1 << 20));
    assertEquals(400, statusOf(answer(request)));
  }

  @Test
  void aRequestTheDecoderFailedOnIsAnsweredAndReleasedOnAnyPath() {
    FullHttpRequest request =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/application/route");
    request.setDecoderResult(DecoderResult.failure(new TooLongHttpHeaderException("too long")));
    assertEquals(431, statusOf(answer(request)));
  }

  @Test
  void aNegotiateBodyOverItsBoundIsAnswered413AndReleased() {
    int bound = NettyTransportOptions.defaults().maxNonMessageBodySize();
    FullHttpRequest request =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, HttpMethod.POST, "/echo/negotiate", Unpooled.buffer().writeZero(bound + 1));
    assertEquals(413, statusOf(answer(request)));
  }
}
