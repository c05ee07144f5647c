package io.switchboard.fuzz;

import io.switchboard.protocol.internal.VarIntFraming;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.random.RandomGenerator;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/**
 * Random MessagePack hub messages: arrays laid out as the hub protocol's (type, headers, ids,
 * target, arguments, stream ids), some elements replaced by values of other types (ints of every
 * width, floats, strings, bin, timestamps and other ext values, nested arrays and maps), and
 * sometimes an array header that announces more or fewer elements than follow.
 */
public final class MessagePackValues {

  private static final List<String> STRINGS =
      List.of("", "123", "xyz", "abc", "Target", "method", "foo", "__test_id__", "One", "\0",
          "日本");

  private final RandomGenerator random;
  private final MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();

  private MessagePackValues(RandomGenerator random) {
    this.random = random;
  }

  /** A random hub message with its VarInt length prefix. */
  public static byte[] framedMessage(RandomGenerator random) {
    byte[] payload = message(random);
    byte[] framed = new byte[VarIntFraming.prefixLength(payload.length) + payload.length];
    int prefix = VarIntFraming.writePrefix(payload.length, framed, 0);
    System.arraycopy(payload, 0, framed, prefix, payload.length);
    return framed;
  }

  /** A random hub message payload (no framing). */
  public static byte[] message(RandomGenerator random) {
    MessagePackValues values = new MessagePackValues(random);
    try {
      values.writeMessage();
      return values.packer.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory packer
    }
  }

  private void writeMessage() throws IOException {
    int elements = random.nextInt(1, 8);
    int announced = random.nextInt(10) == 0 ? random.nextInt(0, 9) : elements;
    packer.packArrayHeader(announced);
    for (int i = 0; i < elements; i++) {
      if (random.nextInt(7) == 0) {
        value(2);
      } else {
        element(i);
      }
    }
  }

  // The element the hub protocol expects at this position (for some message type).
  private void element(int index) throws IOException {
    switch (index) {
      case 0 -> packer.packInt(random.nextInt(12));
      case 1 -> headers();
      case 2, 3 -> string();
      case 4 -> {
        if (random.nextInt(3) == 0) {
          value(1);
        } else {
          arguments();
        }
      }
      case 5 -> streamIds();
      default -> value(1);
    }
  }

  private void headers() throws IOException {
    int count = random.nextInt(3);
    packer.packMapHeader(count);
    for (int i = 0; i < count; i++) {
      string();
      string();
    }
    if (random.nextInt(20) == 0) {
      hugeHeader();
    }
  }

  private void arguments() throws IOException {
    int count = random.nextInt(3) == 0 ? 0 : random.nextInt(4);
    packer.packArrayHeader(count);
    for (int i = 0; i < count; i++) {
      value(1);
    }
  }

  private void streamIds() throws IOException {
    if (random.nextInt(6) == 0) {
      hugeHeader();
      return;
    }
    int count = random.nextInt(3);
    packer.packArrayHeader(count);
    for (int i = 0; i < count; i++) {
      string();
    }
  }

  private void string() throws IOException {
    if (random.nextInt(10) == 0) {
      packer.packNil();
    } else {
      packer.packString(STRINGS.get(random.nextInt(STRINGS.size())));
    }
  }

  private void value(int depth) throws IOException {
    switch (random.nextInt(depth > 3 ? 10 : 14)) {
      case 0 -> packer.packNil();
      case 1 -> packer.packBoolean(random.nextBoolean());
      case 2 -> packer.packInt(random.nextInt(-40, 300));
      case 3 -> packer.packLong(random.nextLong());
      case 4 -> packer.packFloat(random.nextFloat() * 100);
      case 5 -> packer.packDouble(random.nextDouble() * 1e10);
      case 6 -> string();
      case 7 -> bin();
      case 8 -> timestamp();
      case 9 -> ext();
      case 10 -> arguments();
      case 11, 12 -> map(depth);
      case 13 -> hugeHeader();
      default -> throw new IllegalStateException();
    }
  }

  // A header announcing up to 2^31-1 elements or bytes, of which none follow.
  private void hugeHeader() throws IOException {
    int claimed = Integer.MAX_VALUE - random.nextInt(1 << 20);
    switch (random.nextInt(5)) {
      case 0 -> packer.packArrayHeader(claimed);
      case 1 -> packer.packMapHeader(claimed);
      case 2 -> packer.packRawStringHeader(claimed);
      case 3 -> packer.packBinaryHeader(claimed);
      default -> packer.packExtensionTypeHeader((byte) random.nextInt(-128, 128), claimed);
    }
  }

  private void bin() throws IOException {
    byte[] bytes = Mutator.randomBytes(random, 8);
    packer.packBinaryHeader(bytes.length);
    packer.writePayload(bytes);
  }

  private void timestamp() throws IOException {
    packer.packTimestamp(random.nextLong(-1L << 40, 1L << 40), random.nextInt(1_000_000_000));
  }

  private void ext() throws IOException {
    byte[] data = Mutator.randomBytes(random, 12);
    packer.packExtensionTypeHeader((byte) random.nextInt(-128, 128), data.length);
    packer.writePayload(data);
  }

  private void map(int depth) throws IOException {
    int count = random.nextInt(4);
    packer.packMapHeader(count);
    for (int i = 0; i < count; i++) {
      if (random.nextInt(4) == 0) {
        value(depth + 1);
      } else {
        packer.packString(List.of("StringProp", "IntProp", "DoubleProp", "x").get(random.nextInt(4)));
      }
      value(depth + 1);
    }
  }
}
