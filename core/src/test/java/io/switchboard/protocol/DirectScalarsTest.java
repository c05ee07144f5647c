package io.switchboard.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.switchboard.protocol.internal.VarIntFraming;
import io.switchboard.protocol.internal.DirectScalars;
import io.switchboard.protocol.json.JsonHubProtocol;
import io.switchboard.protocol.msgpack.MessagePackHubProtocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Payload scalars that the encoders write themselves come out byte for byte as the payload
 * mapper writes them, in both protocols, message after message; a mapper's own serializer for
 * such a type still wins.
 */
class DirectScalarsTest {
  private static final ObjectMapper JSON_MAPPER = PayloadMappers.json();
  private static final ObjectMapper MESSAGE_PACK_MAPPER = PayloadMappers.messagePack();
  private static final JsonHubProtocol JSON = new JsonHubProtocol(JSON_MAPPER);
  private static final MessagePackHubProtocol MESSAGE_PACK = new MessagePackHubProtocol(MESSAGE_PACK_MAPPER);
  /** The MessagePack completion's envelope before its result: [3, {}, "1", 3, ... */
  private static final byte[] MESSAGE_PACK_RESULT_ENVELOPE = {(byte) 0x95, 0x03, (byte) 0x80, (byte) 0xa1, '1', 0x03};

  static Stream<Object> scalars() {
    List<Object> values = new ArrayList<>();
    values.add(null);
    for (int length : new int[] {0, 1, 31, 32, 255, 256, 65_535, 65_536}) {
      values.add("x".repeat(length));
    }
    values.add("é € 😀 \" \\ \n \u0000 \u001e");
    values.add("é".repeat(200)); // 400 UTF-8 bytes from 200 characters
    values.add("lone \ud800 surrogate");
    values.add("€".repeat(600)); // beyond the short strings that the MessagePack encoder packs itself
    for (int number : new int[] {0, 1, -1, 127, 128, -32, -33, 255, 256, 65_536, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
      values.add(number);
    }
    for (long number : new long[] {0, -1, 1L << 32, -(1L << 32), Long.MIN_VALUE, Long.MAX_VALUE}) {
      values.add(number);
    }
    values.add(true);
    values.add(false);
    return values.stream();
  }

  private static byte[] jsonByMapper(Object value) throws IOException {
    String payload = new String(JSON_MAPPER.writeValueAsBytes(value), StandardCharsets.UTF_8);
    return ("{\"type\":3,\"invocationId\":\"1\",\"result\":" + payload + "}\u001e").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] messagePackByMapper(Object value) throws IOException {
    byte[] payload = MESSAGE_PACK_MAPPER.writeValueAsBytes(value);
    int length = MESSAGE_PACK_RESULT_ENVELOPE.length + payload.length;
    byte[] framed = new byte[VarIntFraming.prefixLength(length) + length];
    int offset = VarIntFraming.writePrefix(length, framed, 0);
    System.arraycopy(MESSAGE_PACK_RESULT_ENVELOPE, 0, framed, offset, MESSAGE_PACK_RESULT_ENVELOPE.length);
    System.arraycopy(payload, 0, framed, offset + MESSAGE_PACK_RESULT_ENVELOPE.length, payload.length);
    return framed;
  }

  @ParameterizedTest
  @MethodSource("scalars")
  void aDirectScalarIsEncodedAsTheMapperWritesIt(Object value) throws IOException {
    assertTrue(DirectScalars.of(JSON_MAPPER).isDirect(value), "written directly");
    assertTrue(DirectScalars.of(MESSAGE_PACK_MAPPER).isDirect(value), "packed directly");
    CompletionMessage completion = CompletionMessage.withResult("1", value);
    // Twice: the second message comes from a generator that has written one already.
    for (int time = 0; time < 2; time++) {
      assertEquals(
          new String(jsonByMapper(value), StandardCharsets.UTF_8),
          new String(JSON.encode(completion), StandardCharsets.UTF_8));
      assertArrayEquals(messagePackByMapper(value), MESSAGE_PACK.encode(completion));
    }
  }

  @Test
  void otherValuesStayWithTheMapper() {
    DirectScalars scalars = DirectScalars.of(JSON_MAPPER);
    for (Object value : new Object[] {1.5d, 2.0f, (short) 1, 'c', new int[] {1}, List.of("a"), Locale.ROOT}) {
      assertFalse(scalars.isDirect(value), String.valueOf(value));
    }
  }

  /** Writes strings upper-cased. */
  static final class Shouting extends StdSerializer<String> {
    Shouting() {
      super(String.class);
    }

    @Override
    public void serialize(String value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(value.toUpperCase(Locale.ROOT));
    }
  }

  @Test
  void aMappersOwnSerializerOfAScalarTypeWins() {
    ObjectMapper shouting =
        PayloadMappers.jsonBuilder().addModule(new SimpleModule().addSerializer(String.class, new Shouting())).build();
    assertFalse(DirectScalars.of(shouting).isDirect("quiet"));
    assertTrue(DirectScalars.of(shouting).isDirect(42), "the other types are still standard");
    byte[] encoded = new JsonHubProtocol(shouting).encode(CompletionMessage.withResult("1", "quiet"));
    assertEquals(
        "{\"type\":3,\"invocationId\":\"1\",\"result\":\"QUIET\"}\u001e", new String(encoded, StandardCharsets.UTF_8));
  }

  @Test
  void invocationsMixDirectAndMappedArguments() {
    Object[] arguments = {"alice", 42, 2.0d, Arrays.asList(1, null), null};
    InvocationMessage invocation = new InvocationMessage(java.util.Map.of(), "7", "Send", arguments, List.of());
    String expected =
        "{\"type\":1,\"invocationId\":\"7\",\"target\":\"Send\",\"arguments\":[\"alice\",42,2,[1,null],null]}\u001e";
    assertEquals(expected, new String(JSON.encode(invocation), StandardCharsets.UTF_8));
    assertEquals(expected, new String(JSON.encode(invocation), StandardCharsets.UTF_8));
  }
}
