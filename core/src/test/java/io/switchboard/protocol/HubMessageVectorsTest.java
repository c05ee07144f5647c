package io.switchboard.protocol;

import static io.switchboard.protocol.testing.MessageAssertions.assertMessageEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.switchboard.protocol.internal.VarIntFraming;
import io.switchboard.protocol.json.JsonHubProtocol;
import io.switchboard.protocol.msgpack.MessagePackHubProtocol;
import io.switchboard.protocol.testing.Hex;
import io.switchboard.protocol.testing.HubMessageVectors.Vector;
import io.switchboard.protocol.testing.HubMessageVectors;
import io.switchboard.protocol.testing.TestBinder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Tables A and B: every message in both protocols, written and parsed. */
class HubMessageVectorsTest {

  private static final JsonHubProtocol JSON = new JsonHubProtocol();

  // The reference server writes object members under their PascalCase names in MessagePack; the
  // interop server configures its mapper the same way.
  private static final MessagePackHubProtocol MESSAGE_PACK =
      new MessagePackHubProtocol(
          PayloadMappers.messagePackBuilder()
              .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
              .build());

  static List<Vector> vectors() {
    return HubMessageVectors.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void jsonWriterProducesTheVectorText(Vector vector) {
    byte[] encoded = JSON.encode(vector.message());

    assertEquals(vector.json() + "\u001e", new String(encoded, StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void jsonParserReadsTheVectorText(Vector vector) {
    ByteBuffer input = ByteBuffer.wrap((vector.json() + "\u001e").getBytes(StandardCharsets.UTF_8));

    HubMessage parsed = JSON.parseMessage(input, TestBinder.expecting(vector.message()));

    assertMessageEquals(vector.message(), parsed);
    assertFalse(input.hasRemaining());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void messagePackWriterProducesTheVectorBytes(Vector vector) {
    byte[] encoded = MESSAGE_PACK.encode(vector.message());

    assertEquals(vector.framedHex(), Hex.format(encoded));
    ByteBuffer payload = VarIntFraming.nextFrame(ByteBuffer.wrap(encoded));
    byte[] payloadBytes = new byte[payload.remaining()];
    payload.get(payloadBytes);
    assertEquals(vector.payloadHex(), Hex.format(payloadBytes));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void messagePackParserReadsTheVectorBytes(Vector vector) {
    ByteBuffer input = ByteBuffer.wrap(Hex.bytes(vector.framedHex()));
    // An empty Close error travels as nil, so it reads back as no error.
    HubMessage expected = vector.id().equals("A28") ? CloseMessage.EMPTY : vector.message();

    HubMessage parsed = MESSAGE_PACK.parseMessage(input, TestBinder.expecting(vector.message()));

    assertMessageEquals(expected, parsed);
    assertFalse(input.hasRemaining());
  }
}
