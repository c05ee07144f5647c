package io.switchboard.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Byte-level mutations of valid inputs, aimed at parsers of JSON, MessagePack and their framings:
 * bit flips, interesting bytes, deleted, repeated and spliced ranges, truncation, deep nesting, and
 * tokens that announce far more data than follows (MessagePack length headers up to 2^31, VarInt
 * prefixes up to the 2 GB limit and past it, huge JSON numbers, broken UTF-8).
 */
public final class Mutator {

  /** The longest input produced. */
  public static final int MAX_LENGTH = 64 * 1024;

  private static final byte[] INTERESTING = {
    0x00, 0x01, 0x1E, 0x7F, (byte) 0x80, (byte) 0xFF, '{', '}', '[', ']', '"', ':', ',', '\\',
    '0', '-', 'e', (byte) 0x90, (byte) 0x9F, (byte) 0xA0, (byte) 0xBF, (byte) 0xC0, (byte) 0xC1,
    (byte) 0xC2, (byte) 0xC3, (byte) 0xC4, (byte) 0xC7, (byte) 0xCA, (byte) 0xCB, (byte) 0xCF,
    (byte) 0xD3, (byte) 0xD4, (byte) 0xD6, (byte) 0xD9, (byte) 0xDB, (byte) 0xDC, (byte) 0xDD,
    (byte) 0xDE, (byte) 0xDF, (byte) 0xE0
  };

  private static final List<byte[]> TOKENS =
      List.of(
          bytes(0xDB, 0x7F, 0xFF, 0xFF, 0xFF), // str32 of 2^31-1 bytes
          bytes(0xDB, 0xFF, 0xFF, 0xFF, 0xFF), // str32 of 2^32-1 bytes
          bytes(0xC6, 0x80, 0x00, 0x00, 0x00), // bin32 of 2^31 bytes
          bytes(0xDD, 0x7F, 0xFF, 0xFF, 0xFF), // array32 of 2^31-1 elements
          bytes(0xDD, 0x80, 0x00, 0x00, 0x00), // array32 of 2^31 elements
          bytes(0xDF, 0x7F, 0xFF, 0xFF, 0xFF), // map32 of 2^31-1 entries
          bytes(0xDC, 0xFF, 0xFF), // array16
          bytes(0xC9, 0x7F, 0xFF, 0xFF, 0xFF, 0x01), // ext32, type 1
          bytes(0xC7, 0x0C, 0xFF), // timestamp96 header
          bytes(0xD6, 0xFF, 0x58, 0xEC, 0x1C, 0x80), // timestamp32
          bytes(0xD4, 0x05, 0x01), // fixext1
          bytes(0xCF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF), // uint64 max
          bytes(0xD3, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00), // int64 min
          bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x07), // VarInt 2^31-1
          bytes(0x80, 0x80, 0x80, 0x80, 0x08), // VarInt 2^31
          bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF), // VarInt too long
          bytes(0xC3, 0x28), // invalid UTF-8
          bytes(0xED, 0xA0, 0x80), // UTF-8 encoded surrogate
          bytes(0xF4, 0x90, 0x80, 0x80), // past U+10FFFF
          ascii("1e99999999"),
          ascii("-0.0e-400"),
          ascii("123456789012345678901234567890"),
          ascii("\"\\ud800\""),
          ascii("\"\\u00\""),
          ascii("null"),
          ascii("true"),
          ascii("{\"type\":"),
          ascii("\"type\":1,"),
          ascii("\"arguments\":[],"),
          ascii("\"result\":1,"),
          ascii("\"streamIds\":[\"a\"],"),
          ascii("\"headers\":{\"a\":\"b\"},"),
          ascii("NaN"),
          ascii("/*"));

  private Mutator() {}

  /** One to four stacked mutations of {@code input}, splicing in {@code corpus} members. */
  public static byte[] mutate(byte[] input, List<byte[]> corpus, RandomGenerator random) {
    byte[] result = input;
    for (int rounds = 1 + random.nextInt(4); rounds > 0; rounds--) {
      result = mutateOnce(result, corpus, random);
    }
    return result.length > MAX_LENGTH ? Arrays.copyOf(result, MAX_LENGTH) : result;
  }

  private static byte[] mutateOnce(byte[] input, List<byte[]> corpus, RandomGenerator random) {
    int at = input.length == 0 ? 0 : random.nextInt(input.length + 1);
    return switch (random.nextInt(10)) {
      case 0 -> flipBit(input, random);
      case 1 -> replace(input, at, 1, new byte[] {INTERESTING[random.nextInt(INTERESTING.length)]});
      case 2 -> replace(input, at, 0, TOKENS.get(random.nextInt(TOKENS.size())));
      case 3 -> replace(input, at, random.nextInt(1, 5), TOKENS.get(random.nextInt(TOKENS.size())));
      case 4 -> replace(input, at, random.nextInt(1, 9), new byte[0]);
      case 5 -> repeat(input, at, random);
      case 6 -> splice(input, corpus.get(random.nextInt(corpus.size())), random);
      case 7 -> Arrays.copyOf(input, at);
      case 8 -> replace(input, at, 0, randomBytes(random, random.nextInt(1, 9)));
      default -> replace(input, at, 0, nesting(random));
    };
  }

  /** Up to {@code maxLength} random bytes. */
  public static byte[] randomBytes(RandomGenerator random, int maxLength) {
    byte[] bytes = new byte[random.nextInt(maxLength + 1)];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] flipBit(byte[] input, RandomGenerator random) {
    if (input.length == 0) {
      return input;
    }
    byte[] copy = input.clone();
    copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
    return copy;
  }

  // Replaces the (clamped) range [at, at+length) with insert.
  private static byte[] replace(byte[] input, int at, int length, byte[] insert) {
    int start = Math.min(at, input.length);
    int end = Math.min(input.length, start + length);
    ByteArrayOutputStream out = new ByteArrayOutputStream(input.length + insert.length);
    out.write(input, 0, start);
    out.writeBytes(insert);
    out.write(input, end, input.length - end);
    return out.toByteArray();
  }

  private static byte[] repeat(byte[] input, int at, RandomGenerator random) {
    if (input.length == 0) {
      return input;
    }
    int start = Math.min(at, input.length - 1);
    int length = random.nextInt(1, Math.min(16, input.length - start) + 1);
    byte[] range = Arrays.copyOfRange(input, start, start + length);
    ByteArrayOutputStream repeated = new ByteArrayOutputStream();
    for (int times = random.nextInt(1, 64); times > 0; times--) {
      repeated.writeBytes(range);
    }
    return replace(input, start, 0, repeated.toByteArray());
  }

  private static byte[] splice(byte[] input, byte[] other, RandomGenerator random) {
    int cut = input.length == 0 ? 0 : random.nextInt(input.length + 1);
    int from = other.length == 0 ? 0 : random.nextInt(other.length + 1);
    byte[] result = Arrays.copyOf(input, cut + other.length - from);
    System.arraycopy(other, from, result, cut, other.length - from);
    return result;
  }

  // Deep nesting: JSON arrays or objects, or MessagePack one-element arrays.
  private static byte[] nesting(RandomGenerator random) {
    byte opener = switch (random.nextInt(3)) {
      case 0 -> '[';
      case 1 -> (byte) 0x91;
      default -> (byte) 0x81;
    };
    byte[] bytes = new byte[random.nextInt(1, 3000)];
    Arrays.fill(bytes, opener);
    return bytes;
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
