package io.switchboard.backplane.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The row payloads against vectors: IntelliTect's layout (backplanes.md §2.1: the type as
 * {@code CC nn}, then the array) around the Redis envelopes of backplanes.md §1.6, whose map
 * {@code {p1: 2A, p2: 2A}} stands for the serialized hub message. IntelliTect's own tests only
 * round-trip, so the payload vectors are derived from its writer's code, not copied.
 */
class SqlPayloadsTest {
  private static final String MAP = "82 A2 70 31 C4 01 2A A2 70 32 C4 01 2A";
  private static final String INVOCATION = "92 90 " + MAP;
  private static final String RETURN_CHANNEL = "H:internal:return:S";
  private static final String RETURN_CHANNEL_HEX = "B3 48 3A 69 6E 74 65 72 6E 61 6C 3A 72 65 74 75 72 6E 3A 53";
  private static final String COMPLETION = "92 A4 6A 73 6F 6E C4 03 7B 7D 1E";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "H:all | " + INVOCATION + " | CC 0B " + INVOCATION,
        "H:all | 92 91 A1 61 " + MAP + " | CC 0B 92 91 A1 61 " + MAP,
        "H:group:G | " + INVOCATION + " | CC 0C 93 A1 47 90 " + MAP,
        "H:connection:C | " + INVOCATION + " | CC 0D 93 A1 43 90 " + MAP,
        "H:user:U | " + INVOCATION + " | CC 0E 93 A1 55 90 " + MAP,
        "H:internal:groups | 95 2A A1 53 01 A1 47 A1 43 | CC 02 95 2A A1 53 01 A1 47 A1 43",
        "H:internal:ack:S | 91 2A | CC 01 92 2A A1 53",
        "H:internal:ack:S | 91 CD 01 80 | CC 01 92 CD 01 80 A1 53",
        "H:connection:C | 94 90 " + MAP + " A3 61 62 63 " + RETURN_CHANNEL_HEX
            + " | CC 65 95 A1 43 90 " + MAP + " A3 61 62 63 " + RETURN_CHANNEL_HEX,
        "H:internal:return:S | " + COMPLETION + " | CC 66 93 A1 53 A4 6A 73 6F 6E C4 03 7B 7D 1E",
      })
  void channelMessagesBecomeTheseRowsAndBack(String channel, String envelope, String payload) {
    assertArrayEquals(hex(payload), SqlPayloads.toPayload(channel, hex(envelope)));
    SqlPayloads.ChannelMessage read = SqlPayloads.fromPayload("H", hex(payload));
    assertEquals(channel, read.channel());
    assertArrayEquals(hex(envelope), read.envelope());
  }

  @Test
  void rowsWrittenWithOtherIntegerHeadersOrTrailingItemsAreRead() {
    // A fixint type and an ack with an item more, as a newer writer might send.
    SqlPayloads.ChannelMessage all = SqlPayloads.fromPayload("H", hex("0B " + INVOCATION));
    assertEquals("H:all", all.channel());
    SqlPayloads.ChannelMessage ack = SqlPayloads.fromPayload("H", hex("CC 01 93 2A A1 53 C0"));
    assertEquals("H:internal:ack:S", ack.channel());
    assertArrayEquals(hex("91 2A"), ack.envelope());
    SqlPayloads.ChannelMessage group = SqlPayloads.fromPayload("H", hex("CC 0C 94 A1 47 90 " + MAP + " C0"));
    assertEquals("H:group:G", group.channel());
    assertArrayEquals(hex("93 90 " + MAP + " C0"), group.envelope());
  }

  @Test
  void unknownTypesAreSkippedAndMalformedRowsRefused() {
    assertNull(SqlPayloads.fromPayload("H", hex("CC 63 90")));
    assertThrows(IllegalArgumentException.class, () -> SqlPayloads.fromPayload("H", hex("CC 0C 91 A1 47")));
    assertThrows(IllegalArgumentException.class, () -> SqlPayloads.fromPayload("H", hex("CC")));
    assertThrows(IllegalArgumentException.class, () -> SqlPayloads.toPayload("H:nothing", hex(INVOCATION)));
    assertThrows(IllegalArgumentException.class, () -> SqlPayloads.toPayload("no-hub", hex(INVOCATION)));
  }

  @Test
  void groupNamesMayContainColons() {
    byte[] payload = SqlPayloads.toPayload("H:group:a:b", hex(INVOCATION));
    assertEquals("H:group:a:b", SqlPayloads.fromPayload("H", payload).channel());
  }

  private static byte[] hex(String spaced) {
    return HexFormat.of().parseHex(spaced.replace(" ", ""));
  }
}
