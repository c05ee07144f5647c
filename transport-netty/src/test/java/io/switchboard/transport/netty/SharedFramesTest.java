package io.switchboard.transport.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.switchboard.connection.internal.WriteBatch;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The frames a broadcast shares: Netty's own encoding, one buffer per batch, all released. */
class SharedFramesTest {
  private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;
  private final EmbeddedChannel channel = new EmbeddedChannel();

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  /** What Netty's server-side encoder writes for the frame. */
  private static byte[] encoded(byte[] payload, boolean text) {
    EmbeddedChannel encoder = new EmbeddedChannel(new WebSocket08FrameEncoder(false));
    encoder.writeOutbound(
        text
            ? new TextWebSocketFrame(Unpooled.wrappedBuffer(payload))
            : new BinaryWebSocketFrame(Unpooled.wrappedBuffer(payload)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (ByteBuf out = encoder.readOutbound(); out != null; out = encoder.readOutbound()) {
      bytes.writeBytes(ByteBufUtil.getBytes(out));
      out.release();
    }
    encoder.finishAndReleaseAll();
    return bytes.toByteArray();
  }

  private static byte[] payload(int length) {
    byte[] payload = new byte[length];
    for (int i = 0; i < length; i++) {
      payload[i] = (byte) i;
    }
    return payload;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 125, 126, 127, 65535, 65536, 70000})
  void framesAreWhatNettysEncoderWrites(int length) {
    byte[] payload = payload(length);
    for (boolean text : new boolean[] {true, false}) {
      ByteBuf frame = SharedFrames.frame(ALLOC, payload, text);
      try {
        assertArrayEquals(encoded(payload, text), ByteBufUtil.getBytes(frame), "text=" + text);
      } finally {
        frame.release();
      }
    }
  }

  @Test
  void outsideABatchThereIsNoSharedFrame() {
    assertNull(SharedFrames.retainedFrame(payload(3), true, channel));
  }

  @Test
  void aBatchBuildsEachPayloadsFrameOnceAndEveryReferenceIsReleased() {
    byte[] json = payload(10);
    byte[] msgpack = payload(12);
    List<ByteBuf> written = new ArrayList<>();
    WriteBatch.run(
        () -> {
          // Recipients of either transfer format, interleaved, as a broadcast meets them.
          for (int i = 0; i < 3; i++) {
            written.add(SharedFrames.retainedFrame(json, true, channel));
            written.add(SharedFrames.retainedFrame(msgpack, false, channel));
          }
        });
    // Duplicates of one buffer share its reference count: 3 recipients hold each frame.
    for (ByteBuf frame : written) {
      assertEquals(3, frame.refCnt(), "one frame per payload; the batch dropped its own reference");
    }
    assertNotSame(written.get(0), written.get(2), "each recipient has its own indices");
    written.get(0).readByte();
    assertEquals(0, written.get(2).readerIndex());
    assertArrayEquals(encoded(json, true), ByteBufUtil.getBytes(written.get(2)));
    assertArrayEquals(encoded(msgpack, false), ByteBufUtil.getBytes(written.get(3)));
    written.get(0).release();
    assertEquals(2, written.get(2).refCnt());
    assertEquals(3, written.get(1).refCnt(), "the other format's frame is another buffer");
    written.subList(1, written.size()).forEach(ByteBuf::release);
    for (ByteBuf frame : written) {
      assertEquals(0, frame.refCnt());
    }
  }

  @Test
  void aNewPayloadInTheBatchGetsItsOwnFrame() {
    List<ByteBuf> written = new ArrayList<>();
    WriteBatch.run(
        () -> {
          written.add(SharedFrames.retainedFrame(payload(4), true, channel));
          written.add(SharedFrames.retainedFrame(payload(4), true, channel));
        });
    assertEquals(1, written.get(0).refCnt(), "arrays are told apart by identity: two frames");
    assertEquals(1, written.get(1).refCnt());
    assertArrayEquals(ByteBufUtil.getBytes(written.get(0)), ByteBufUtil.getBytes(written.get(1)));
    written.forEach(ByteBuf::release);
    assertEquals(0, written.get(0).refCnt());
    assertEquals(0, written.get(1).refCnt());
  }
}
