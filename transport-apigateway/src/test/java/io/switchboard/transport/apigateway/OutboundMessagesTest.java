package io.switchboard.transport.apigateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundMessagesTest {
  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aWriteThatFitsGoesOutAsItIs() throws Exception {
    byte[] data = bytes("{\"type\":6}\u001e{\"type\":6}\u001e");
    List<byte[]> payloads = OutboundMessages.split(data, data.length);
    assertEquals(1, payloads.size());
    assertSame(data, payloads.get(0));
  }

  @Test
  void aLongerWriteIsCutBetweenRecords() throws Exception {
    byte[] data = bytes("aaaa\u001ebbbb\u001ecc\u001e");
    List<byte[]> payloads = OutboundMessages.split(data, 10);
    assertEquals(2, payloads.size());
    assertArrayEquals(bytes("aaaa\u001ebbbb\u001e"), payloads.get(0));
    assertArrayEquals(bytes("cc\u001e"), payloads.get(1));
  }

  @Test
  void oneRecordOverTheLimitCannotGo() {
    byte[] data = bytes("aa\u001ebbbbbbbbbbbb\u001e");
    OutboundMessages.TooLargeException e =
        assertThrows(OutboundMessages.TooLargeException.class, () -> OutboundMessages.split(data, 10));
    assertEquals(
        "The server's message of 13 bytes is larger than API Gateway's limit of 10 bytes.",
        e.getMessage());
  }

  @Test
  void dataWithoutSeparatorsOverTheLimitCannotGo() {
    assertThrows(
        OutboundMessages.TooLargeException.class,
        () -> OutboundMessages.split(bytes("0123456789abc"), 10));
  }
}
