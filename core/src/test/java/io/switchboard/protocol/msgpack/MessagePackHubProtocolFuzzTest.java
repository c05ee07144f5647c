package io.switchboard.protocol.msgpack;

import io.switchboard.fuzz.FuzzLoop;
import io.switchboard.fuzz.HubReaders;
import io.switchboard.fuzz.Inputs;
import io.switchboard.fuzz.MessagePackValues;
import io.switchboard.protocol.testing.Hex;
import io.switchboard.protocol.testing.HubMessageVectors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the MessagePack hub message reader with the reference's framed vectors (tables A, B, F
 * and G of §8), mutated, and with generated messages: it must answer every input with messages,
 * "need more data" or {@code InvalidDataException}, without hanging or allocating for lengths that
 * are announced but not sent.
 */
class MessagePackHubProtocolFuzzTest {

  // Payloads of tables F and G (framed below).
  private static final List<String> INVALID_PAYLOADS =
      List.of("91 A3 66 6F 6F", "92 01 A3 66 6F 6F", "92 01 82 2A A3 66 6F 6F",
          "92 01 84 A3 66 6F 6F A3 66 6F 6F 90 A3 66 6F 6F", "92 01 82 A0 A3 66 6F 6F",
          "91 01 80 C2", "94 01 80 A3 61 62 63 A0", "96 01 80 A3 61 62 63 A1 54 91 A0 91 A0",
          "93 04 80 A0", "94 03 80 A3 78 79 7A 2A", "95 03 80 A3 78 79 7A 01 2A", "91 08 C0",
          "94 01 80 A3 61 62 63 A3 78 79 7A", "95 01 80 A3 61 62 63 A3 78 79 7A 92 A1 61 A1 62",
          "95 01 80 A3 61 62 63 A3 78 79 7A 91 2A", "95 04 80 A3 61 62 63 A3 78 79 7A 91 2A");

  private final MessagePackHubProtocol protocol = new MessagePackHubProtocol();

  @Test
  void answersEveryInputWithAMessageMoreDataOrInvalidData() throws InterruptedException {
    FuzzLoop.run(
        "messagepack-hub-messages",
        Inputs.mix(seeds(), MessagePackValues::framedMessage),
        input -> HubReaders.parseAll(protocol, input));
  }

  private static List<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>();
    HubMessageVectors.all().forEach(vector -> seeds.add(Hex.bytes(vector.framedHex())));
    for (String payload : INVALID_PAYLOADS) {
      byte[] bytes = Hex.bytes(payload);
      byte[] framed = new byte[bytes.length + 1];
      framed[0] = (byte) bytes.length;
      System.arraycopy(bytes, 0, framed, 1, bytes.length);
      seeds.add(framed);
    }
    return seeds;
  }
}
