package io.switchboard.protocol.internal;

import io.switchboard.fuzz.FuzzLoop;
import io.switchboard.fuzz.Inputs;
import io.switchboard.fuzz.Mutator;
import io.switchboard.protocol.InvalidDataException;
import io.switchboard.protocol.testing.Hex;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes both framings against a plain model of each: the frames taken, where taking stops, and
 * (VarInt only) the one documented failure, for mutated §4.2 vectors and generated frame sequences.
 */
class FramingFuzzTest {

  private static final List<byte[]> VARINT_SEEDS =
      List.of("00", "03 41 42 43", "0B 41 0A 52 0D 43 0D 0A 3B 44 45 46", "FF FF FF FF FF",
              "80 80 80 80 08", "FF FF FF FF FF FF", "80", "04 AB CD EF", "FF FF FF FF 07",
              "00 0E 48 65 6C 6C 6F 2C 0D 0A 57 6F 72 6C 64 21", "05 01")
          .stream()
          .map(Hex::bytes)
          .toList();

  private static final List<byte[]> TEXT_SEEDS =
      List.of("7B 7D 1E", "1E", "", "1E 1E 1E", "41 42 1E 43", "7B 22 61 22 3A 31 7D 1E 7B")
          .stream()
          .map(Hex::bytes)
          .toList();

  @Test
  void textFramingSplitsExactlyAtRecordSeparators() throws InterruptedException {
    FuzzLoop.run(
        "text-framing",
        Inputs.mix(TEXT_SEEDS, FramingFuzzTest::textFrames),
        FramingFuzzTest::checkTextFraming);
  }

  @Test
  void varIntFramingTakesWhatThePrefixAnnounces() throws InterruptedException {
    FuzzLoop.run(
        "varint-framing",
        Inputs.mix(VARINT_SEEDS, FramingFuzzTest::varIntFrames),
        FramingFuzzTest::checkVarIntFraming);
  }

  private static void checkTextFraming(byte[] input) {
    ByteBuffer buffer = ByteBuffer.wrap(input);
    int start = 0;
    for (ByteBuffer frame = TextFraming.nextFrame(buffer);
        frame != null;
        frame = TextFraming.nextFrame(buffer)) {
      int separator = indexOf(input, start);
      byte[] expected = Arrays.copyOfRange(input, start, separator);
      if (separator < 0 || !Arrays.equals(expected, bytes(frame))
          || buffer.position() != separator + 1) {
        throw new AssertionError("Frame at " + start + " differs from the model");
      }
      start = separator + 1;
    }
    if (buffer.position() != start || indexOf(input, start) >= 0) {
      throw new AssertionError("Stopped at " + buffer.position() + " before a separator");
    }
  }

  private static void checkVarIntFraming(byte[] input) {
    ByteBuffer buffer = ByteBuffer.wrap(input);
    int start = 0;
    while (true) {
      long[] model = modelPrefix(input, start); // {announced length, prefix length} or null
      ByteBuffer frame;
      try {
        frame = VarIntFraming.nextFrame(buffer);
      } catch (InvalidDataException e) {
        if (model == null || model[0] <= Integer.MAX_VALUE
            || !"Messages over 2GB in size are not supported.".equals(e.getMessage())) {
          throw new AssertionError("Refused the prefix at " + start, e);
        }
        return;
      }
      boolean complete = model != null && model[0] <= input.length - start - model[1];
      if (frame == null) {
        if (complete || buffer.position() != start) {
          throw new AssertionError("Waited for more data at " + start);
        }
        return;
      }
      if (!complete) {
        throw new AssertionError("Took a frame the prefix at " + start + " does not allow");
      }
      int payload = (int) (start + model[1]);
      int end = (int) (payload + model[0]);
      if (!Arrays.equals(Arrays.copyOfRange(input, payload, end), bytes(frame))
          || buffer.position() != end) {
        throw new AssertionError("Frame at " + start + " differs from the model");
      }
      start = end;
    }
  }

  // The unsigned LEB128 value at start, read to its last byte (at most 5), or null when cut short.
  private static long[] modelPrefix(byte[] input, int start) {
    long value = 0;
    for (int i = 0; i < VarIntFraming.MAX_PREFIX_LENGTH; i++) {
      if (start + i >= input.length) {
        return null;
      }
      int current = input[start + i] & 0xFF;
      value |= (long) (current & 0x7F) << (7 * i);
      if ((current & 0x80) == 0) {
        return new long[] {value, i + 1};
      }
    }
    return new long[] {Long.MAX_VALUE, VarIntFraming.MAX_PREFIX_LENGTH}; // a 6th byte would follow
  }

  private static byte[] textFrames(RandomGenerator random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int count = random.nextInt(5); count > 0; count--) {
      byte[] frame = Mutator.randomBytes(random, 20);
      for (int i = 0; i < frame.length; i++) {
        frame[i] = frame[i] == 0x1E ? 0x20 : frame[i];
      }
      out.writeBytes(frame);
      out.write(0x1E);
    }
    out.writeBytes(Mutator.randomBytes(random, 4));
    return out.toByteArray();
  }

  private static byte[] varIntFrames(RandomGenerator random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int count = random.nextInt(5); count > 0; count--) {
      byte[] payload = Mutator.randomBytes(random, random.nextInt(8) == 0 ? 300 : 20);
      byte[] prefix = new byte[VarIntFraming.MAX_PREFIX_LENGTH];
      out.write(prefix, 0, VarIntFraming.writePrefix(payload.length, prefix, 0));
      out.writeBytes(payload);
    }
    if (random.nextInt(4) == 0) {
      byte[] prefix = new byte[VarIntFraming.MAX_PREFIX_LENGTH];
      out.write(prefix, 0, VarIntFraming.writePrefix(random.nextInt(Integer.MAX_VALUE), prefix, 0));
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] input, int from) {
    for (int i = from; i < input.length; i++) {
      if (input[i] == TextFraming.RECORD_SEPARATOR) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] bytes(ByteBuffer frame) {
    byte[] bytes = new byte[frame.remaining()];
    frame.duplicate().get(bytes);
    return bytes;
  }
}
