package io.switchboard.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.switchboard.protocol.json.JsonHubProtocol;
import io.switchboard.protocol.msgpack.MessagePackHubProtocol;
import io.switchboard.protocol.testing.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Encoding through the reused per-thread buffers stays correct when serialization misbehaves. */
class EncodingTest {

  private static final JsonHubProtocol JSON = new JsonHubProtocol();
  private static final MessagePackHubProtocol MESSAGE_PACK = new MessagePackHubProtocol();
  private static final HubMessage PING = PingMessage.INSTANCE;

  /** Fails to serialize. */
  @JsonSerialize(using = Failing.Serializer.class)
  static final class Failing {
    static final class Serializer extends StdSerializer<Failing> {
      Serializer() {
        super(Failing.class);
      }

      @Override
      public void serialize(Failing value, JsonGenerator gen, SerializerProvider provider)
          throws IOException {
        gen.writeStartObject();
        throw new IOException("boom");
      }
    }
  }

  /** Serializes by encoding a Ping with the same protocol on the same thread. */
  @JsonSerialize(using = Nested.Serializer.class)
  record Nested(HubProtocol protocol) {
    static final class Serializer extends StdSerializer<Nested> {
      Serializer() {
        super(Nested.class);
      }

      @Override
      public void serialize(Nested value, JsonGenerator gen, SerializerProvider provider)
          throws IOException {
        gen.writeNumber(value.protocol().encode(PING).length);
      }
    }
  }

  static List<HubProtocol> protocols() {
    return List.of(JSON, MESSAGE_PACK);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("protocols")
  void failedEncodeLeavesNothingBehind(HubProtocol protocol) {
    byte[] ping = protocol.encode(PING);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> protocol.encode(new InvocationMessage("T", new Object[] {new Failing()})));

    assertEquals("boom", rootCause(e).getMessage());
    assertEquals(Hex.format(ping), Hex.format(protocol.encode(PING)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("protocols")
  void reentrantEncodeUsesItsOwnBuffer(HubProtocol protocol) {
    byte[] encoded =
        protocol.encode(CompletionMessage.withResult("1", new Nested(protocol)));

    String expected =
        protocol == JSON
            ? Hex.format("{\"type\":3,\"invocationId\":\"1\",\"result\":11}\u001e"
                .getBytes(StandardCharsets.UTF_8))
            : "07 95 03 80 A1 31 03 03";
    assertEquals(expected, Hex.format(encoded));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("protocols")
  void localMessagesAreNeverEncoded(HubProtocol protocol) {
    HubMessage failure =
        new InvocationBindingFailureMessage("1", "T", false, new InvalidDataException("x"));

    assertThrows(IllegalArgumentException.class, () -> protocol.encode(failure));
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
