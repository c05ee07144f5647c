package io.switchboard.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchboard.protocol.InvalidDataException;
import io.switchboard.protocol.testing.Hex;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The VarInt length prefix vectors of §4.2. */
class VarIntFramingTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0, 00",
    "11, 0B",
    "53, 35",
    "127, 7F",
    "128, 80 01",
    "5248, 80 29",
    "16383, FF 7F",
    "16384, 80 80 01",
    "2147483647, FF FF FF FF 07"
  })
  void writesPrefix(int length, String hex) {
    byte[] target = new byte[VarIntFraming.MAX_PREFIX_LENGTH + 2];

    int written = VarIntFraming.writePrefix(length, target, 2);

    assertEquals(hex, Hex.format(Arrays.copyOfRange(target, 2, 2 + written)));
    assertEquals(written, VarIntFraming.prefixLength(length));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "00, ''",
    "03 41 42 43, ABC",
    "'0B 41 0A 52 0D 43 0D 0A 3B 44 45 46', 'A\nR\rC\r\n;DEF'"
  })
  void readsFrame(String hex, String payload) {
    ByteBuffer input = ByteBuffer.wrap(Hex.bytes(hex));

    ByteBuffer frame = VarIntFraming.nextFrame(input);

    assertEquals(payload, StandardCharsets.UTF_8.decode(frame).toString());
    assertEquals(input.limit(), input.position());
  }

  @Test
  void readsFrameWithTwoBytePrefix() {
    byte[] payload = new byte[128];
    Arrays.fill(payload, (byte) 7);
    ByteBuffer input = ByteBuffer.allocate(130).put((byte) 0x80).put((byte) 0x01).put(payload).flip();

    ByteBuffer frame = VarIntFraming.nextFrame(input);

    byte[] read = new byte[frame.remaining()];
    frame.get(read);
    assertArrayEquals(payload, read);
    assertEquals(130, input.position());
  }

  @Test
  void readsTwoFramesBackToBack() {
    ByteBuffer input =
        ByteBuffer.wrap(Hex.bytes("00 0E 48 65 6C 6C 6F 2C 0D 0A 57 6F 72 6C 64 21"));

    ByteBuffer first = VarIntFraming.nextFrame(input);
    ByteBuffer second = VarIntFraming.nextFrame(input);

    assertEquals(0, first.remaining());
    assertEquals("Hello,\r\nWorld!", StandardCharsets.UTF_8.decode(second).toString());
    assertNull(VarIntFraming.nextFrame(input));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"FF FF FF FF FF", "80 80 80 80 08", "FF FF FF FF FF FF"})
  void rejectsPrefixOverTwoGigabytes(String hex) {
    InvalidDataException e =
        assertThrows(
            InvalidDataException.class,
            () -> VarIntFraming.nextFrame(ByteBuffer.wrap(Hex.bytes(hex))));

    assertEquals("Messages over 2GB in size are not supported.", e.getMessage());
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", "80", "04 AB CD EF", "FF FF FF FF 07"})
  void waitsForMoreData(String hex) {
    ByteBuffer input = ByteBuffer.wrap(Hex.bytes(hex));

    assertNull(VarIntFraming.nextFrame(input));
    assertEquals(0, input.position());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {0, 1, 127, 128, 300, 16383, 16384, 2_097_151, 2_097_152})
  void readsWhatItWrites(int length) {
    byte[] framed = new byte[VarIntFraming.prefixLength(length) + length];
    VarIntFraming.writePrefix(length, framed, 0);

    ByteBuffer frame = VarIntFraming.nextFrame(ByteBuffer.wrap(framed));

    assertEquals(length, frame.remaining());
  }
}
