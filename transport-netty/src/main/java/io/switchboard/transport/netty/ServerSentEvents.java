package io.switchboard.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Server-Sent Events framing (protocol §1.8, Table H): one written chunk is one event. The chunk
 * is split on LF; each line, without one trailing CR, becomes {@code data: <line>\r\n}, and an
 * extra {@code \r\n} ends the event. As with the reference server, a trailing LF adds no empty
 * line and an empty chunk is an event with no data line.
 */
final class ServerSentEvents {
  /** An SSE comment, written first so that clients see the stream open at once. */
  static final byte[] PREAMBLE = {':', '\r', '\n'};

  private static final byte[] DATA = {'d', 'a', 't', 'a', ':', ' '};
  private static final byte CR = '\r';
  private static final byte LF = '\n';

  private ServerSentEvents() {}

  /** {@code chunk} as one event, in a new buffer from {@code allocator}. */
  static ByteBuf event(ByteBufAllocator allocator, byte[] chunk) {
    int lines = 1;
    for (byte b : chunk) {
      if (b == LF) {
        lines++;
      }
    }
    ByteBuf out = allocator.buffer(chunk.length + lines * (DATA.length + 2) + 2);
    int start = 0;
    while (start < chunk.length) {
      int end = indexOfLf(chunk, start);
      int lineEnd = end > start && chunk[end - 1] == CR ? end - 1 : end;
      out.writeBytes(DATA).writeBytes(chunk, start, lineEnd - start).writeByte(CR).writeByte(LF);
      start = end + 1;
    }
    return out.writeByte(CR).writeByte(LF);
  }

  /** The index of the next LF at or after {@code from}, or the chunk's length. */
  private static int indexOfLf(byte[] chunk, int from) {
    for (int i = from; i < chunk.length; i++) {
      if (chunk[i] == LF) {
        return i;
      }
    }
    return chunk.length;
  }
}
