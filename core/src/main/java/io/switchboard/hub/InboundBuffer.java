package io.switchboard.hub;

import java.nio.ByteBuffer;

/**
 * The bytes a connection received but has not parsed yet. Used by one thread at a time (the
 * connection's drain). It holds no array while empty, so idle connections cost no buffer.
 */
final class InboundBuffer {
  private static final byte[] EMPTY = new byte[0];
  private byte[] bytes = EMPTY;
  private int start;
  private int end;

  void append(byte[] chunk) {
    int length = end - start;
    if (bytes.length - end < chunk.length) {
      byte[] target = bytes;
      if (bytes.length < length + chunk.length) {
        target = new byte[Math.max(length + chunk.length, Math.max(256, bytes.length * 2))];
      }
      System.arraycopy(bytes, start, target, 0, length);
      bytes = target;
      start = 0;
      end = length;
    }
    System.arraycopy(chunk, 0, bytes, end, chunk.length);
    end += chunk.length;
  }

  /** The unparsed bytes; parsers advance its position past what they consumed. */
  ByteBuffer view() {
    return ByteBuffer.wrap(bytes, start, end - start);
  }

  /** Drops everything before {@code view.position()} of a view obtained from {@link #view()}. */
  void consumeTo(ByteBuffer view) {
    start = view.position();
    if (start == end) {
      bytes = EMPTY;
      start = 0;
      end = 0;
    }
  }

  int size() {
    return end - start;
  }
}
