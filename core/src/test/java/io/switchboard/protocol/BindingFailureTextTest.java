package io.switchboard.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.switchboard.protocol.json.JsonHubProtocol;
import io.switchboard.protocol.msgpack.MessagePackHubProtocol;
import io.switchboard.protocol.testing.Hex;
import io.switchboard.protocol.testing.TestBinder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Arguments that do not fit their parameters fail binding with the reference's text, whatever the
 * payload library said (its detail stays in the cause, for the server log): a MessagePack ext or
 * bin value is no string (MessagePack-CSharp reads only str or nil there), and Jackson's limits
 * are not the client's business.
 */
class BindingFailureTextTest {

  private static final String ARGUMENT_TYPES =
      "Error binding arguments. Make sure that the types of the provided values match the types of"
          + " the hub method being invoked.";

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "fixext1 type 5, D4 05 01",
    "timestamp32, D6 FF 58 EC 1C 80",
    "ext8 type 1, C7 02 01 41 42",
    "bin8, C4 03 01 02 03"
  })
  void messagePackExtOrBinDoesNotBindToString(String name, String valueHex) {
    byte[] value = Hex.bytes(valueHex);
    byte[] prefix = Hex.bytes("96 01 80 A1 31 A3 78 79 7A 91");
    byte[] payload = new byte[prefix.length + value.length + 1];
    System.arraycopy(prefix, 0, payload, 0, prefix.length);
    System.arraycopy(value, 0, payload, prefix.length, value.length);
    payload[payload.length - 1] = (byte) 0x90; // no stream ids
    byte[] framed = new byte[payload.length + 1];
    framed[0] = (byte) payload.length;
    System.arraycopy(payload, 0, framed, 1, payload.length);

    HubMessage message =
        new MessagePackHubProtocol()
            .parseMessage(ByteBuffer.wrap(framed), new TestBinder().target("xyz", String.class));

    assertEquals(ARGUMENT_TYPES, bindingFailure(message).cause().getMessage());
  }

  /** A third argument of 1001 digits trips Jackson's number length limit as the array is read. */
  @Test
  void jacksonLimitFailsWithTheReferenceText() {
    String text =
        "{\"type\":1,\"invocationId\":\"1\",\"target\":\"foo\",\"arguments\":[1,\"x\","
            + "9".repeat(1001)
            + "]}\u001e";

    HubMessage message =
        new JsonHubProtocol()
            .parseMessage(
                ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)),
                new TestBinder().target("foo", int.class, String.class, long.class));

    assertEquals(ARGUMENT_TYPES, bindingFailure(message).cause().getMessage());
  }

  private static InvocationBindingFailureMessage bindingFailure(HubMessage message) {
    return assertInstanceOf(InvocationBindingFailureMessage.class, message);
  }
}
