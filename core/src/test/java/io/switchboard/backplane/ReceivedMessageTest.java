package io.switchboard.backplane;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.lifetime.SerializedHubMessage;
import io.switchboard.protocol.json.JsonHubProtocol;
import io.switchboard.protocol.msgpack.MessagePackHubProtocol;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A message received from another server: its bytes as they came, counted as an invocation. */
class ReceivedMessageTest {

  @Test
  void bytesAreWrittenAsReceivedAndCountForStatefulReconnect() {
    byte[] json = {'{', '}', 0x1E};
    SerializedHubMessage received = new SerializedHubMessage(Map.of("json", json));

    assertArrayEquals(json, received.encodedFor(new JsonHubProtocol()));
    assertNull(received.message());
    assertTrue(received.isInvocation());
  }

  @Test
  void aProtocolTheOtherServerDidNotEncodeIsAnError() {
    SerializedHubMessage received = new SerializedHubMessage(Map.of("json", new byte[] {0x1E}));

    IllegalStateException error =
        assertThrows(IllegalStateException.class, () -> received.encodedFor(new MessagePackHubProtocol()));
    assertTrue(error.getMessage().contains("'messagepack'"));
  }
}
