package io.switchboard.protocol.internal;

import io.switchboard.protocol.InvalidDataException;
import java.nio.ByteBuffer;

/**
 * Framing of the binary protocol (MessagePack): each message is preceded by its length as an
 * unsigned LEB128 VarInt of at most 5 bytes, so a message is at most 2^31−1 bytes long.
 */
public final class VarIntFraming {

  /** The longest length prefix. */
  public static final int MAX_PREFIX_LENGTH = 5;

  private static final String TOO_LARGE = "Messages over 2GB in size are not supported.";

  private VarIntFraming() {}

  /**
   * Takes the next complete message from {@code input}.
   *
   * @return the message bytes without the prefix, as a view sharing {@code input}'s content, with
   *     {@code input}'s position advanced past the message; or null when the prefix or the message
   *     is not complete yet (the position is then unchanged)
   * @throws InvalidDataException when the prefix announces more than 2^31−1 bytes
   */
  public static ByteBuffer nextFrame(ByteBuffer input) {
    int start = input.position();
    int available = input.remaining();
    long length = 0;
    int prefixLength = 0;
    int current;
    do {
      if (prefixLength == available) {
        return null;
      }
      current = input.get(start + prefixLength) & 0xFF;
      length |= (long) (current & 0x7F) << (7 * prefixLength);
      prefixLength++;
    } while ((current & 0x80) != 0 && prefixLength < MAX_PREFIX_LENGTH);
    if ((current & 0x80) != 0 || length > Integer.MAX_VALUE) {
      throw new InvalidDataException(TOO_LARGE);
    }
    if (available - prefixLength < length) {
      return null;
    }
    int payloadStart = start + prefixLength;
    int payloadEnd = payloadStart + (int) length;
    ByteBuffer frame = input.duplicate().position(payloadStart).limit(payloadEnd).slice();
    input.position(payloadEnd);
    return frame;
  }

  /** The number of prefix bytes needed for a message of {@code length} bytes. */
  public static int prefixLength(int length) {
    requireNonNegative(length);
    int bytes = 1;
    for (int rest = length >>> 7; rest != 0; rest >>>= 7) {
      bytes++;
    }
    return bytes;
  }

  /**
   * Writes the prefix for a message of {@code length} bytes into {@code target} at {@code offset}.
   *
   * @return the number of bytes written, {@link #prefixLength(int)}
   */
  public static int writePrefix(int length, byte[] target, int offset) {
    requireNonNegative(length);
    int position = offset;
    int rest = length;
    while (rest >= 0x80) {
      target[position++] = (byte) ((rest & 0x7F) | 0x80);
      rest >>>= 7;
    }
    target[position++] = (byte) rest;
    return position - offset;
  }

  private static void requireNonNegative(int length) {
    if (length < 0) {
      throw new IllegalArgumentException("Negative message length: " + length);
    }
  }
}
