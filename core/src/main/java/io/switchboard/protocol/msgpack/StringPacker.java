package io.switchboard.protocol.msgpack;

import java.io.IOException;
import org.msgpack.core.MessagePacker;

/**
 * Packs strings as msgpack-core's {@code packString} does, byte for byte, without the array that
 * it allocates per short string ({@code String.getBytes}): short strings are encoded into a
 * scratch array kept for reuse. Longer ones go to msgpack-core, which encodes them into its own
 * buffer. One thread at a time, like the packer it writes to.
 */
final class StringPacker {
  /** msgpack-core's default threshold below which it calls getBytes. */
  private static final int SHORT_STRING = 512;

  private final MessagePacker packer;
  // At most 3 UTF-8 bytes per char (a surrogate pair: 4 bytes for 2 chars).
  private final byte[] scratch = new byte[SHORT_STRING * 3];

  StringPacker(MessagePacker packer) {
    this.packer = packer;
  }

  void pack(String value) throws IOException {
    if (value.length() >= SHORT_STRING) {
      packer.packString(value);
      return;
    }
    int length = encode(value);
    packer.packRawStringHeader(length);
    packer.writePayload(scratch, 0, length);
  }

  /** UTF-8 into the scratch array as {@code String.getBytes(UTF_8)} does: '?' for a lone surrogate. */
  private int encode(String value) {
    byte[] out = scratch;
    int n = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        out[n++] = (byte) c;
      } else if (c < 0x800) {
        out[n++] = (byte) (0xC0 | c >> 6);
        out[n++] = (byte) (0x80 | c & 0x3F);
      } else if (!Character.isSurrogate(c)) {
        out[n++] = (byte) (0xE0 | c >> 12);
        out[n++] = (byte) (0x80 | c >> 6 & 0x3F);
        out[n++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        int codePoint = Character.toCodePoint(c, value.charAt(++i));
        out[n++] = (byte) (0xF0 | codePoint >> 18);
        out[n++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
        out[n++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
        out[n++] = (byte) (0x80 | codePoint & 0x3F);
      } else {
        out[n++] = '?';
      }
    }
    return n;
  }
}
