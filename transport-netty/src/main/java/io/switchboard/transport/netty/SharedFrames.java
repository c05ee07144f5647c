package io.switchboard.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.switchboard.connection.internal.WriteBatch;

/**
 * The WebSocket frames of one {@link WriteBatch} (a broadcast), each built once and shared by
 * every recipient: the frame (header and payload, unmasked, as a server sends it) is made in one
 * direct buffer, and each channel writes a duplicate of it (its own indices, the same memory and
 * reference count). The bytes pass Netty's frame encoder as they are: per recipient there is no
 * frame object, no encoder buffer and no copy. Switchboard's WebSockets negotiate no extensions,
 * so these bytes are exactly what the encoder would write.
 *
 * <p>One frame is kept per transfer format, so a broadcast to JSON and MessagePack clients
 * interleaved builds each encoding's frame once. The batch's own references are released when it
 * ends; the duplicates hold theirs until their channel has written them.
 */
final class SharedFrames implements Runnable {
  private static final Object BATCH_KEY = new Object();
  private static final int FIN = 0x80;
  private static final int TEXT = 1;
  private static final int BINARY = 2;

  private final Slot text = new Slot();
  private final Slot binary = new Slot();

  private SharedFrames() {}

  /**
   * A frame of {@code payload} for {@code channel} to write (the caller owns one reference),
   * built with the channel's allocator the first time the current batch writes {@code payload};
   * the other recipients' channels are not touched.
   *
   * @return null outside a write batch
   */
  static ByteBuf retainedFrame(byte[] payload, boolean isText, Channel channel) {
    SharedFrames frames = WriteBatch.piece(BATCH_KEY, SharedFrames::new);
    if (frames == null) {
      return null;
    }
    return (isText ? frames.text : frames.binary).retainedFrame(payload, isText, channel);
  }

  /** A WebSocket frame of {@code payload}, as a server sends it (final, unmasked). */
  static ByteBuf frame(ByteBufAllocator alloc, byte[] payload, boolean isText) {
    int length = payload.length;
    int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
    ByteBuf frame = alloc.directBuffer(header + length);
    frame.writeByte(FIN | (isText ? TEXT : BINARY));
    if (length < 126) {
      frame.writeByte(length);
    } else if (length <= 0xFFFF) {
      frame.writeByte(126);
      frame.writeShort(length);
    } else {
      frame.writeByte(127);
      frame.writeLong(length);
    }
    frame.writeBytes(payload);
    return frame;
  }

  /** The batch ended: drops its own references. */
  @Override
  public void run() {
    text.clear();
    binary.clear();
  }

  /** The latest frame of one transfer format and the array it was built from. */
  private static final class Slot {
    private byte[] payload;
    private ByteBuf frame;

    ByteBuf retainedFrame(byte[] data, boolean isText, Channel channel) {
      if (payload != data) {
        clear();
        frame = frame(channel.alloc(), data, isText);
        payload = data;
      }
      // A plain duplicate shares the frame's reference count: one retain per recipient.
      return frame.retain().duplicate();
    }

    void clear() {
      if (frame != null) {
        frame.release();
        frame = null;
        payload = null;
      }
    }
  }
}
