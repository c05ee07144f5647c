package io.switchboard.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ChannelOutbound} on an {@link EmbeddedChannel}: order, batching, bounds, releases. */
class ChannelOutboundEmbeddedTest {
  private final List<IOException> overflows = new ArrayList<>();
  private final List<Throwable> failures = new ArrayList<>();
  private final List<Throwable> otherFailures = new ArrayList<>();
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private ChannelOutbound outbound;

  private void bind(NettyTransportOptions options) {
    outbound =
        new ChannelOutbound(
            channel, new EventLoopDrains.PerLoop().of(channel.eventLoop()), options, overflows::add, failures::add);
    channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
      @Override
      public void handlerAdded(ChannelHandlerContext ctx) {
        outbound.bind(ctx);
      }

      @Override
      public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // As StreamingSession does: a failure reported while the drain writes is a send failure.
        if (!outbound.failedWhileWriting(cause)) {
          otherFailures.add(cause);
        }
      }
    });
  }

  @AfterEach
  void finish() {
    assertFalse(channel.finishAndReleaseAll(), "nothing is left behind");
  }

  private static ByteBuf text(String value) {
    return Unpooled.copiedBuffer(value, StandardCharsets.UTF_8);
  }

  private String readText() {
    ByteBuf written = channel.readOutbound();
    try {
      return written.toString(StandardCharsets.UTF_8);
    } finally {
      written.release();
    }
  }

  @Test
  void writesLeaveInOrderOnTheEventLoop() {
    bind(NettyTransportOptions.defaults());
    outbound.write(text("a"));
    outbound.write(text("b"));
    assertNull(channel.readOutbound(), "nothing is written before the drain runs");
    channel.runPendingTasks();
    assertEquals("a", readText());
    assertEquals("b", readText());
    assertNull(channel.readOutbound());
  }

  @Test
  void aWriteOverTheHardBoundIsReleasedAndAbortsOnce() {
    bind(NettyTransportOptions.builder().writeBufferWaterMarks(8, 16).maxPendingWriteBytes(16).build());
    ByteBuf fits = text("0123456789");
    ByteBuf tooMuch = text("0123456789");
    ByteBuf afterwards = text("x");
    outbound.write(fits);
    outbound.write(tooMuch);
    outbound.write(afterwards);
    assertEquals(0, tooMuch.refCnt());
    assertEquals(0, afterwards.refCnt(), "nothing is taken once aborted");
    assertEquals(1, overflows.size());
    channel.runPendingTasks();
    assertEquals("0123456789", readText());
  }

  @Test
  void theHardBoundCountsWhatTheChannelStillHolds() {
    bind(NettyTransportOptions.builder().writeBufferWaterMarks(1024, 2048).maxPendingWriteBytes(2048).build());
    // The socket takes nothing: flushes stop here, so written messages stay in the channel.
    channel.pipeline().addFirst(new io.netty.channel.ChannelOutboundHandlerAdapter() {
      @Override
      public void flush(ChannelHandlerContext ctx) {}
    });
    outbound.write(Unpooled.wrappedBuffer(new byte[1000]));
    channel.runPendingTasks();
    assertTrue(overflows.isEmpty());
    ByteBuf more = Unpooled.wrappedBuffer(new byte[1000]);
    outbound.write(more);
    assertEquals(0, more.refCnt(), "1000 queued and 1000 in the channel exceed 2048");
    assertEquals(1, overflows.size());
  }

  @Test
  void discardReleasesWhatIsQueued() {
    bind(NettyTransportOptions.defaults());
    ByteBuf queued = text("queued");
    outbound.write(queued);
    outbound.discard();
    assertEquals(0, queued.refCnt());
    ByteBuf late = text("late");
    outbound.write(late);
    assertEquals(0, late.refCnt());
    channel.runPendingTasks();
    assertNull(channel.readOutbound());
  }

  @Test
  void finishRunsTheLastActionAfterTheQueuedWrites() {
    bind(NettyTransportOptions.defaults());
    outbound.write(text("last message"));
    outbound.finish(() -> channel.writeAndFlush(text("end")));
    ByteBuf afterFinish = text("dropped");
    outbound.write(afterFinish);
    assertEquals(0, afterFinish.refCnt());
    channel.runPendingTasks();
    assertEquals("last message", readText());
    assertEquals("end", readText());
    assertNull(channel.readOutbound());
    assertTrue(failures.isEmpty());
  }

  @Test
  void aFailingWriteIsTheConnectionsSendFailure() {
    bind(NettyTransportOptions.defaults());
    channel.pipeline().addFirst(new io.netty.channel.ChannelOutboundHandlerAdapter() {
      @Override
      public void write(ChannelHandlerContext ctx, Object msg, io.netty.channel.ChannelPromise promise) {
        io.netty.util.ReferenceCountUtil.release(msg);
        promise.setFailure(new IllegalStateException("encoder broke"));
      }
    });
    outbound.write(text("x"));
    channel.runPendingTasks();
    assertEquals(1, failures.size());
    assertEquals("encoder broke", failures.get(0).getMessage());
    assertTrue(otherFailures.isEmpty());
  }

  @Test
  void messagesAreWrittenWithTheVoidPromise() {
    bind(NettyTransportOptions.defaults());
    List<Boolean> voidPromises = new ArrayList<>();
    channel.pipeline().addFirst(new io.netty.channel.ChannelOutboundHandlerAdapter() {
      @Override
      public void write(ChannelHandlerContext ctx, Object msg, io.netty.channel.ChannelPromise promise) {
        voidPromises.add(promise.isVoid());
        ctx.write(msg, promise);
      }
    });
    outbound.write(text("a"));
    outbound.write(text("b"));
    channel.runPendingTasks();
    assertEquals(List.of(true, true), voidPromises, "no promise and listener per message");
    assertEquals("a", readText());
    assertEquals("b", readText());
  }

  @Test
  void aFailureOutsideTheDrainIsNotASendFailure() {
    bind(NettyTransportOptions.defaults());
    channel.pipeline().fireExceptionCaught(new IllegalStateException("a decoder broke"));
    assertTrue(failures.isEmpty());
    assertEquals(1, otherFailures.size());
  }
}
