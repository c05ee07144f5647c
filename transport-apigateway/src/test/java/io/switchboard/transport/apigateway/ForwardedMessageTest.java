package io.switchboard.transport.apigateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The envelope a node publishes for the node that holds a connection. */
class ForwardedMessageTest {
  @Test
  void aDefaultIsItsRouteTheIdAndTheBodyAsDocumented() {
    byte[] body = "{\"type\":6}\u001e".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new ForwardedMessage(ForwardedMessage.Route.DEFAULT, "Ab+/=", body).encode();
    byte[] expected = new byte[4 + 5 + body.length];
    expected[0] = 1;
    expected[1] = 1;
    expected[3] = 5;
    System.arraycopy("Ab+/=".getBytes(StandardCharsets.US_ASCII), 0, expected, 4, 5);
    System.arraycopy(body, 0, expected, 9, body.length);
    assertArrayEquals(expected, bytes);

    ForwardedMessage decoded = ForwardedMessage.decode(bytes);
    assertEquals(ForwardedMessage.Route.DEFAULT, decoded.route());
    assertEquals("Ab+/=", decoded.connectionId());
    assertArrayEquals(body, decoded.payload());
  }

  @Test
  void aDisconnectHasNoBody() {
    ForwardedMessage decoded =
        ForwardedMessage.decode(
            new ForwardedMessage(ForwardedMessage.Route.DISCONNECT, "id=", new byte[0]).encode());
    assertEquals(ForwardedMessage.Route.DISCONNECT, decoded.route());
    assertEquals("id=", decoded.connectionId());
    assertEquals(0, decoded.payload().length);
  }

  @Test
  void bytesThatAreNoEnvelopeAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> ForwardedMessage.decode(new byte[] {1, 1}));
    assertThrows(
        IllegalArgumentException.class, () -> ForwardedMessage.decode(new byte[] {2, 1, 0, 0}));
    assertThrows(
        IllegalArgumentException.class, () -> ForwardedMessage.decode(new byte[] {1, 9, 0, 0}));
    assertThrows(
        IllegalArgumentException.class, () -> ForwardedMessage.decode(new byte[] {1, 1, 0, 9, 65}));
  }
}
