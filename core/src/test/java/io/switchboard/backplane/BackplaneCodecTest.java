package io.switchboard.backplane;

import static io.switchboard.protocol.testing.Hex.bytes;
import static io.switchboard.protocol.testing.Hex.format;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The vectors of backplanes.md §1.6, written and read back. */
class BackplaneCodecTest {
  /** The upstream dummy protocol map: "p1" and "p2" both encode any message as 0x2A. */
  private static final Map<String, byte[]> TWO_PROTOCOLS = twoProtocols();

  private static Map<String, byte[]> twoProtocols() {
    Map<String, byte[]> map = new LinkedHashMap<>();
    map.put("p1", new byte[] {0x2A});
    map.put("p2", new byte[] {0x2A});
    return map;
  }

  @ParameterizedTest(name = "Ack {0}")
  @CsvSource({
    "0, 91 00",
    "42, 91 2A",
    "180, 91 CC B4",
    "384, 91 CD 01 80",
    "70000, 91 CE 00 01 11 70",
    "-1, 91 FF",
    "-2147483648, 91 D2 80 00 00 00"
  })
  void acks(int id, String hex) {
    assertEquals(hex, format(BackplaneCodec.writeAck(id)));
    assertEquals(id, BackplaneCodec.readAck(bytes(hex)));
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource({
    "ADD, 95 2A A1 53 01 A1 47 A1 43, GroupAdd",
    "REMOVE, 95 2A A1 53 02 A1 47 A1 43, GroupRemove"
  })
  void groupCommands(GroupCommand.Action action, String hex, String name) {
    GroupCommand command = new GroupCommand(42, "S", action, "G", "C");
    assertEquals(hex, format(BackplaneCodec.writeGroupCommand(command)));
    assertEquals(command, BackplaneCodec.readGroupCommand(bytes(hex)));
  }

  @Test
  void groupCommandWithRealisticServerNameUsesStr8() {
    GroupCommand command =
        new GroupCommand(
            1, "web1_02db60e5fab243b890a847fa5c4dcb29", GroupCommand.Action.ADD, "room", "conn1");
    String hex =
        "95 01 D9 25 77 65 62 31 5F 30 32 64 62 36 30 65 35 66 61 62 32 34 33 62 38 39 30 61 38 34"
            + " 37 66 61 35 63 34 64 63 62 32 39 01 A4 72 6F 6F 6D A5 63 6F 6E 6E 31";
    assertEquals(hex, format(BackplaneCodec.writeGroupCommand(command)));
    assertEquals(command, BackplaneCodec.readGroupCommand(bytes(hex)));
  }

  @ParameterizedTest(name = "Invocation {0} excluded")
  @CsvSource({
    "'', 92 90 82 A2 70 31 C4 01 2A A2 70 32 C4 01 2A",
    "a, 92 91 A1 61 82 A2 70 31 C4 01 2A A2 70 32 C4 01 2A",
    "a b c d e f, 92 96 A1 61 A1 62 A1 63 A1 64 A1 65 A1 66 82 A2 70 31 C4 01 2A A2 70 32 C4 01 2A"
  })
  void invocations(String excludedIds, String hex) {
    List<String> excluded = excludedIds.isEmpty() ? List.of() : List.of(excludedIds.split(" "));
    BackplaneInvocation invocation = new BackplaneInvocation(excluded, TWO_PROTOCOLS);
    assertEquals(hex, format(BackplaneCodec.writeInvocation(invocation)));
    BackplaneInvocation read = BackplaneCodec.readInvocation(bytes(hex));
    assertEquals(excluded, read.excludedConnectionIds());
    assertEquals(List.of("p1", "p2"), List.copyOf(read.payloads().keySet()));
    assertArrayEquals(new byte[] {0x2A}, read.payloads().get("p2"));
    assertNull(read.invocationId());
    assertNull(read.returnChannel());
  }

  @Test
  void clientResultInvocationHasFourItems() {
    String hex =
        "94 90 82 A2 70 31 C4 01 2A A2 70 32 C4 01 2A A3 61 62 63 B3 48 3A 69 6E 74 65 72 6E 61 6C"
            + " 3A 72 65 74 75 72 6E 3A 53";
    BackplaneInvocation invocation =
        new BackplaneInvocation(List.of(), TWO_PROTOCOLS, "abc", "H:internal:return:S", Map.of());
    assertEquals(hex, format(BackplaneCodec.writeInvocation(invocation)));
    BackplaneInvocation read = BackplaneCodec.readInvocation(bytes(hex));
    assertEquals("abc", read.invocationId());
    assertEquals("H:internal:return:S", read.returnChannel());
  }

  @Test
  void traceHeadersAreAFifthItemAfterTwoNils() {
    // .NET reads items 2 and 3 of an array longer than 3 (nil: no client result), then stops.
    String hex =
        "95 90 82 A2 70 31 C4 01 2A A2 70 32 C4 01 2A C0 C0 81 AB 74 72 61 63 65 70 61 72 65 6E 74"
            + " A1 78";
    BackplaneInvocation invocation =
        new BackplaneInvocation(List.of(), TWO_PROTOCOLS, null, null, Map.of("traceparent", "x"));
    assertEquals(hex, format(BackplaneCodec.writeInvocation(invocation)));
    BackplaneInvocation read = BackplaneCodec.readInvocation(bytes(hex));
    assertEquals(Map.of("traceparent", "x"), read.traceHeaders());
    assertNull(read.invocationId());
    assertEquals(false, read.expectsResult());
  }

  @Test
  void clientResultInvocationKeepsItsItemsBeforeTraceHeaders() {
    String hex =
        "95 90 82 A2 70 31 C4 01 2A A2 70 32 C4 01 2A A3 61 62 63 B3 48 3A 69 6E 74 65 72 6E 61 6C"
            + " 3A 72 65 74 75 72 6E 3A 53 81 AB 74 72 61 63 65 70 61 72 65 6E 74 A1 78";
    BackplaneInvocation invocation =
        new BackplaneInvocation(
            List.of(), TWO_PROTOCOLS, "abc", "H:internal:return:S", Map.of("traceparent", "x"));
    assertEquals(hex, format(BackplaneCodec.writeInvocation(invocation)));
    BackplaneInvocation read = BackplaneCodec.readInvocation(bytes(hex));
    assertEquals("abc", read.invocationId());
    assertEquals("H:internal:return:S", read.returnChannel());
    assertEquals(Map.of("traceparent", "x"), read.traceHeaders());
  }

  @Test
  void aFifthItemOfAnotherShapeIsNoTrace() {
    // A map with a non-string value: that entry is skipped, the message still delivered.
    BackplaneInvocation read =
        BackplaneCodec.readInvocation(bytes("95 90 81 A2 70 31 C0 C0 C0 82 A1 61 01 A1 62 A1 63"));
    assertEquals(Map.of("b", "c"), read.traceHeaders());
  }

  @Test
  void broadcastWithJsonPayload() {
    byte[] json =
        "{\"type\":1,\"target\":\"Hello\",\"arguments\":[\"World\"]}\u001e"
            .getBytes(StandardCharsets.UTF_8);
    String hex =
        "92 90 81 A4 6A 73 6F 6E C4 32 7B 22 74 79 70 65 22 3A 31 2C 22 74 61 72 67 65 74 22 3A 22"
            + " 48 65 6C 6C 6F 22 2C 22 61 72 67 75 6D 65 6E 74 73 22 3A 5B 22 57 6F 72 6C 64 22 5D"
            + " 7D 1E";
    assertEquals(
        hex, format(BackplaneCodec.writeInvocation(new BackplaneInvocation(List.of(), Map.of("json", json)))));
  }

  @Test
  void readersIgnoreTrailingItemsAndReadNilAsAbsent() {
    // [[], {p1: nil}, nil, nil, "extension"]: a Java-only extension slot after two nils.
    BackplaneInvocation read = BackplaneCodec.readInvocation(bytes("95 90 81 A2 70 31 C0 C0 C0 A1 78"));
    assertArrayEquals(new byte[0], read.payloads().get("p1"));
    assertNull(read.invocationId());
    assertEquals(false, read.expectsResult());
    assertEquals(Map.of(), read.traceHeaders());
    assertEquals(7, BackplaneCodec.readAck(bytes("92 07 A1 78")));
  }

  @Test
  void readersAcceptWideHeaders() {
    // Ack 5 as uint32, a group command with str8/str16 strings.
    assertEquals(5, BackplaneCodec.readAck(bytes("91 CE 00 00 00 05")));
    GroupCommand command =
        BackplaneCodec.readGroupCommand(bytes("95 01 D9 01 53 01 DA 00 01 47 DB 00 00 00 01 43"));
    assertEquals(new GroupCommand(1, "S", GroupCommand.Action.ADD, "G", "C"), command);
  }

  @ParameterizedTest(name = "Completion {0}")
  @CsvSource({
    "json, 7B 22 74 79 70 65 22 3A 33 2C 22 69 6E 76 6F 63 61 74 69 6F 6E 49 64 22 3A 22 31 22 2C 22 72 65 73 75 6C 74 22 3A 31 7D,"
        + " 92 A4 6A 73 6F 6E C4 28 7B 22 74 79 70 65 22 3A 33 2C 22 69 6E 76 6F 63 61 74 69 6F 6E 49 64 22 3A 22 31 22 2C 22 72 65 73 75 6C 74 22 3A 31 7D",
    "messagepack, 95 03 80 A3 78 79 7A 03 2A,"
        + " 92 AB 6D 65 73 73 61 67 65 70 61 63 6B C4 09 95 03 80 A3 78 79 7A 03 2A",
    "json, 7B 22 74 79 70 65 22 3A 33 2C 22 69 6E 76 6F 63 61 74 69 6F 6E 49 64 22 3A 22 31 22 2C 22 72 65 73 75 6C 74 22 3A 31 7D 1E,"
        + " 92 A4 6A 73 6F 6E C4 29 7B 22 74 79 70 65 22 3A 33 2C 22 69 6E 76 6F 63 61 74 69 6F 6E 49 64 22 3A 22 31 22 2C 22 72 65 73 75 6C 74 22 3A 31 7D 1E"
  })
  void completions(String protocol, String completionHex, String hex) {
    RemoteCompletion completion = new RemoteCompletion(protocol, bytes(completionHex));
    assertEquals(hex, format(BackplaneCodec.writeCompletion(completion)));
    RemoteCompletion read = BackplaneCodec.readCompletion(bytes(hex));
    assertEquals(protocol, read.protocolName());
    assertArrayEquals(bytes(completionHex), read.completion());
  }

  @Test
  void malformedMessagesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> BackplaneCodec.readAck(bytes("90")));
    assertThrows(IllegalArgumentException.class, () -> BackplaneCodec.readInvocation(bytes("92 90")));
    assertThrows(
        IllegalArgumentException.class,
        () -> BackplaneCodec.readGroupCommand(bytes("95 01 A1 53 03 A1 47 A1 43")));
  }
}
