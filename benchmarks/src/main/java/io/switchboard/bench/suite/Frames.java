package io.switchboard.bench.suite;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.switchboard.bench.client.WireFormat;

/**
 * Pre-encoded messages shared by every connection: unreleasable buffers, sent as {@code
 * duplicate()}s, so the load generator encodes nothing while it runs.
 */
final class Frames {
  /** How many distinct invocation ids a connection cycles through. */
  static final int RING = 64;

  private Frames() {}

  /** An ASCII payload of {@code bytes} characters. */
  static String payload(int bytes) {
    return "x".repeat(bytes);
  }

  /** One message, shareable. */
  static ByteBuf shared(byte[] message) {
    return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(message));
  }

  /** {@link #RING} blocking invocations of {@code target} with ids {@code 0..RING-1}. */
  static ByteBuf[] invocationRing(WireFormat format, String target, String argument) {
    ByteBuf[] ring = new ByteBuf[RING];
    for (int i = 0; i < RING; i++) {
      ring[i] = shared(format.invocation(Integer.toString(i), target, argument));
    }
    return ring;
  }
}
