package io.switchboard.protocol.json;

import io.switchboard.fuzz.FuzzLoop;
import io.switchboard.fuzz.HubReaders;
import io.switchboard.fuzz.Inputs;
import io.switchboard.fuzz.JsonTexts;
import io.switchboard.protocol.testing.HubMessageVectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the JSON hub message reader with the reference's vectors (tables A, D and E of §8),
 * mutated, and with generated messages: it must answer every input with messages, "need more
 * data" or {@code InvalidDataException}, without hanging or allocating out of proportion.
 */
class JsonHubProtocolFuzzTest {

  private static final List<String> NAMES =
      List.of("type", "type", "headers", "invocationId", "target", "arguments", "streamIds",
          "item", "result", "error", "allowReconnect", "sequenceId");

  private static final List<String> INVALID_VECTORS =
      List.of("", "42", "null", "\"foo\"", "[42]", "{}", "{\"type\":\"foo\"}",
          "{\"type\":1,\"headers\":{\"Foo\": 42},\"target\":\"test\",arguments:[]}",
          "{\"type\":1,\"invocationId\":\"42\",\"target\":\"foo\",\"arguments\":{}}",
          "{\"type\":3,\"invocationId\":\"42\",\"error\":\"foo\",\"result\":true}",
          "{\"type\":3,\"invocationId\":\"42\",\"result\":true",
          "{\"type\":8,\"sequenceId\":true}",
          "{\"type\":1,\"invocationId\":\"42\",\"target\":\"foo\",\"arguments\":[[}]}",
          "{\"type\":1,\"invocationId\":\"42\",\"target\":\"foo\",\"arguments\":[ \"abc\", \"xyz\"]}",
          "{\"type\":1,\"invocationId\":\"42\",\"target\":\"foo\",\"arguments\":[1,\"\",{\"1\":1}]}",
          "{\"type\":1,\"invocationId\":\"42\",\"target\":\"foo\",\"arguments\":[[],{\"target\":\"foo2\"}]}",
          "{ \"type\":4, \"arguments\": [1,2], \"target\": \"Method\", \"invocationId\": \"3\" }",
          "{ \"item\": \"foo\", \"invocationId\": \"1a\", \"type\":2 }");

  private final JsonHubProtocol protocol = new JsonHubProtocol();

  @Test
  void answersEveryInputWithAMessageMoreDataOrInvalidData() throws InterruptedException {
    FuzzLoop.run(
        "json-hub-messages",
        Inputs.mix(seeds(), JsonHubProtocolFuzzTest::generated),
        input -> HubReaders.parseAll(protocol, input));
  }

  private static List<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>();
    Stream.concat(HubMessageVectors.all().stream().map(HubMessageVectors.Vector::json),
            INVALID_VECTORS.stream())
        .forEach(text -> seeds.add((text + '\u001e').getBytes(StandardCharsets.UTF_8)));
    return seeds;
  }

  // One to three generated messages, each mostly with a known type, usually each with its RS.
  private static byte[] generated(RandomGenerator random) {
    StringBuilder text = new StringBuilder();
    for (int count = random.nextInt(1, 4); count > 0; count--) {
      String body = JsonTexts.object(NAMES, random);
      if (random.nextInt(4) != 0) {
        String type = "{\"type\":" + random.nextInt(11) + (body.length() > 2 ? "," : "");
        body = type + body.substring(1);
      }
      text.append(body);
      if (random.nextInt(10) != 0) {
        text.append('\u001e');
      }
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
