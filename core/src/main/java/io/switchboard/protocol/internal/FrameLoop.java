package io.switchboard.protocol.internal;

import io.switchboard.protocol.HubMessage;
import io.switchboard.protocol.InvocationBinder;
import java.nio.ByteBuffer;

/**
 * The parse loop shared by the framed hub protocols: take a frame, parse it, and move on to the
 * next frame when it held a message of an unknown type (receivers ignore those, for forward
 * compatibility).
 */
public final class FrameLoop {

  /** Takes the next complete frame from the input, or returns null when there is none yet. */
  @FunctionalInterface
  public interface Framing {
    /** See {@link io.switchboard.protocol.internal.TextFraming#nextFrame(ByteBuffer)}. */
    ByteBuffer nextFrame(ByteBuffer input);
  }

  /** Parses one frame; null when the frame holds a message of an unknown type. */
  @FunctionalInterface
  public interface FrameParser {
    /** Parses {@code frame}. */
    HubMessage parse(ByteRange frame, InvocationBinder binder);
  }

  private FrameLoop() {}

  /** The next message in {@code input}, or null when no complete one is left. */
  public static HubMessage nextMessage(
      ByteBuffer input, Framing framing, FrameParser parser, InvocationBinder binder) {
    for (ByteBuffer frame = framing.nextFrame(input);
        frame != null;
        frame = framing.nextFrame(input)) {
      HubMessage message = parser.parse(ByteRange.of(frame), binder);
      if (message != null) {
        return message;
      }
    }
    return null;
  }
}
