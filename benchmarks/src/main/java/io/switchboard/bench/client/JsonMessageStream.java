package io.switchboard.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * The receiving side of a fallback transport: a byte stream of JSON hub messages, each ending with
 * the record separator, arriving in pieces that may end in the middle of a message (an SSE chunk
 * cut by a TCP read). Whole messages go to the {@link MessageListener}; the incomplete rest waits
 * for the next piece. The first message is the handshake response when one is awaited.
 *
 * <p>The transport's framing stays around the messages (SSE's {@code data: } and line ends): the
 * listener only counts messages by their separators and types, which framing does not disturb.
 * Every JSON message starts with {@code {}, so a rest without one is framing only and is dropped
 * rather than carried, which keeps the common case (an event ending in {@code \r\n\r\n}) copy-free.
 */
final class JsonMessageStream {
  private static final byte RS = WireFormat.recordSeparator();

  private final MessageListener listener;
  private boolean awaitingHandshake;
  private ByteBuf rest; // the start of an incomplete message, or null

  JsonMessageStream(boolean awaitHandshake, MessageListener listener) {
    this.awaitingHandshake = awaitHandshake;
    this.listener = listener;
  }

  /**
   * Takes one piece (not consumed); returns true if it completed the awaited handshake response.
   *
   * @throws IllegalStateException if the server refused the handshake
   */
  boolean feed(ByteBuf piece) {
    ByteBuf data = piece;
    if (rest != null) {
      data = rest.writeBytes(piece, piece.readerIndex(), piece.readableBytes());
    }
    int start = data.readerIndex();
    int end = data.writerIndex();
    int last = data.indexOf(end, start, RS); // searches backwards
    boolean handshakeDone = false;
    if (last >= 0) {
      if (awaitingHandshake) {
        int first = data.indexOf(start, end, RS);
        WireFormat.requireHandshakeAccepted(data.toString(start, first - start, StandardCharsets.UTF_8));
        awaitingHandshake = false;
        handshakeDone = true;
        start = first + 1;
      }
      if (start <= last) {
        listener.onMessages(data.slice(start, last + 1 - start));
      }
      start = last + 1;
    }
    keepRest(data, start, end);
    return handshakeDone;
  }

  /** Drops what is waiting. */
  void release() {
    if (rest != null) {
      rest.release();
      rest = null;
    }
  }

  private void keepRest(ByteBuf data, int start, int end) {
    boolean incomplete = data.indexOf(start, end, (byte) '{') >= 0;
    if (data == rest) {
      if (incomplete) {
        rest.readerIndex(start).discardReadBytes();
      } else {
        release();
      }
    } else if (incomplete) {
      rest = Unpooled.buffer(Math.max(256, end - start)).writeBytes(data, start, end - start);
    }
  }
}
