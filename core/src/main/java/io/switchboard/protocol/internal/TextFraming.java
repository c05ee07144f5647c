package io.switchboard.protocol.internal;

import java.nio.ByteBuffer;

/**
 * Framing of the text protocols (the handshake and JSON): each message is followed by the ASCII
 * record separator {@code 0x1E}. Valid JSON text cannot contain that byte, so splitting on it is
 * safe.
 */
public final class TextFraming {

  /** The record separator that ends every text message. */
  public static final byte RECORD_SEPARATOR = 0x1E;

  private TextFraming() {}

  /**
   * Takes the next complete message from {@code input}.
   *
   * @return the message bytes without the separator, as a view sharing {@code input}'s content,
   *     with {@code input}'s position advanced past the separator; or null when no separator has
   *     arrived yet (the position is then unchanged)
   */
  public static ByteBuffer nextFrame(ByteBuffer input) {
    int start = input.position();
    for (int i = start; i < input.limit(); i++) {
      if (input.get(i) == RECORD_SEPARATOR) {
        ByteBuffer frame = input.duplicate().position(start).limit(i).slice();
        input.position(i + 1);
        return frame;
      }
    }
    return null;
  }
}
