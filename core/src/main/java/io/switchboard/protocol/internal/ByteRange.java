package io.switchboard.protocol.internal;

import java.nio.ByteBuffer;

/**
 * A frame's bytes as an array range, the input form of the Jackson and msgpack-core readers.
 *
 * @param array the backing array
 * @param offset index of the first byte
 * @param length number of bytes
 */
public record ByteRange(byte[] array, int offset, int length) {

  /** The remaining bytes of {@code buffer}: its own array when it has one, else a copy. */
  public static ByteRange of(ByteBuffer buffer) {
    if (buffer.hasArray()) {
      return new ByteRange(
          buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
    }
    byte[] copy = new byte[buffer.remaining()];
    buffer.duplicate().get(copy);
    return new ByteRange(copy, 0, copy.length);
  }
}
