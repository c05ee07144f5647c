package io.switchboard.protocol.internal;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable in-memory output that is reset and reused between encodes (see {@link ReusePool})
 * instead of allocating a fresh buffer per message. {@link #close()} does nothing, so serializers
 * that close their target do not end its use.
 */
public final class ReusableByteOutput extends OutputStream {

  private static final int INITIAL_CAPACITY = 512;
  // A buffer grown past this by one large message is dropped on reset rather than kept in the pool.
  private static final int RETAINED_CAPACITY = 64 * 1024;

  private byte[] buffer = new byte[INITIAL_CAPACITY];
  private int size;

  @Override
  public void write(int b) {
    ensureCapacity(size + 1);
    buffer[size++] = (byte) b;
  }

  @Override
  public void write(byte[] source, int offset, int length) {
    ensureCapacity(size + length);
    System.arraycopy(source, offset, buffer, size, length);
    size += length;
  }

  /** The number of bytes written since the last reset. */
  public int size() {
    return size;
  }

  /** Copies the written bytes into {@code target} at {@code offset}. */
  public void copyTo(byte[] target, int offset) {
    System.arraycopy(buffer, 0, target, offset, size);
  }

  /** A copy of the written bytes. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  /** Forgets the written bytes, keeping the buffer unless it grew unusually large. */
  public void reset() {
    size = 0;
    if (buffer.length > RETAINED_CAPACITY) {
      buffer = new byte[INITIAL_CAPACITY];
    }
  }

  @Override
  public void close() {
    // Reused: closing by a serializer must not end it.
  }

  private void ensureCapacity(int needed) {
    if (needed < 0) {
      throw new OutOfMemoryError("Encoded message too large");
    }
    if (needed > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length << 1));
    }
  }
}
