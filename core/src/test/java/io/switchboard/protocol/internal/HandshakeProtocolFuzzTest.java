package io.switchboard.protocol.internal;

import io.switchboard.fuzz.FuzzLoop;
import io.switchboard.fuzz.Inputs;
import io.switchboard.fuzz.JsonTexts;
import io.switchboard.protocol.InvalidDataException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the handshake parser with the request vectors of table C, mutated, and generated
 * requests: a request, "need more data" or {@code InvalidDataException}, and a request always ends
 * at its record separator.
 */
class HandshakeProtocolFuzzTest {

  private static final List<String> VECTORS =
      List.of("{\"protocol\":\"json\",\"version\":1}", "{\"protocol\":\"messagepack\",\"version\":1}",
          "{\"protocol\":\"json\",\"version\":2}", "{\"protocol\":\"\",\"version\":10,\"unknown\":null}",
          "{\"protocol\":\"firstProtocol\",\"protocol\":\"secondProtocol\",\"version\":1,\"version\":75}",
          "{\"protocol\":\"dummy\",\"version\":1}{\"protocol\":\"wrong\",\"version\":99}",
          "{\"\\u0070rotoco\\u006c\":\"\\u0064ummy\",\"version\":1}", "42", "\"42\"", "null", "[]",
          "{}", "{\"version\":\"123\"}", "{\"protocol\":null,\"version\":123}");

  private static final List<String> NAMES = List.of("protocol", "version", "protocol", "version", "x");

  @Test
  void answersEveryInputWithARequestMoreDataOrInvalidData() throws InterruptedException {
    List<byte[]> seeds =
        VECTORS.stream().map(v -> (v + '\u001e').getBytes(StandardCharsets.UTF_8)).toList();
    FuzzLoop.run(
        "handshake",
        Inputs.mix(seeds, HandshakeProtocolFuzzTest::generated),
        HandshakeProtocolFuzzTest::parse);
  }

  private static void parse(byte[] input) {
    ByteBuffer buffer = ByteBuffer.wrap(input);
    HandshakeRequest request;
    try {
      request = HandshakeProtocol.parseRequest(buffer);
    } catch (InvalidDataException e) {
      return;
    }
    if (request == null ? buffer.position() != 0 : input[buffer.position() - 1] != 0x1E) {
      throw new AssertionError("Position " + buffer.position() + " after " + request);
    }
  }

  private static byte[] generated(RandomGenerator random) {
    String text = JsonTexts.object(NAMES, random) + (random.nextInt(8) == 0 ? "" : "\u001e");
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
