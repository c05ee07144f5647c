package io.switchboard.livetrace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A viewer writes Server-Sent Events from its position and skips what it missed. */
class TraceViewerTest {
  private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
  private final TraceRing ring = new TraceRing(4);

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  private TraceViewer open(long position) {
    TraceViewer viewer = new TraceViewer(ring, channel.pipeline().firstContext(), position);
    ring.open(viewer);
    return viewer;
  }

  private List<String> written() {
    channel.runPendingTasks();
    List<String> frames = new ArrayList<>();
    for (HttpContent content; (content = channel.readOutbound()) != null; ) {
      frames.add(content.content().toString(StandardCharsets.UTF_8));
      content.release();
    }
    return frames;
  }

  @Test
  void writesEachEventAsAnIdentifiedFrame() {
    open(0);
    ring.publish("{\"type\":\"sent\"}");
    ring.publish("{\"type\":\"received\"}");
    assertEquals(
        List.of("id: 0\ndata: {\"type\":\"sent\"}\n\n", "id: 1\ndata: {\"type\":\"received\"}\n\n"),
        written());
  }

  @Test
  void aViewerThatFellBehindIsToldHowManyItMissed() {
    open(0);
    for (int i = 0; i < 10; i++) {
      ring.publish("{\"n\":" + i + "}");
    }
    assertEquals(
        List.of(
            "data: {\"type\":\"dropped\",\"count\":6}\n\n",
            "id: 6\ndata: {\"n\":6}\n\n",
            "id: 7\ndata: {\"n\":7}\n\n",
            "id: 8\ndata: {\"n\":8}\n\n",
            "id: 9\ndata: {\"n\":9}\n\n"),
        written());
  }

  @Test
  void aQuietFeedGetsAKeepAliveCommentEachInterval() {
    TraceViewer viewer = open(0);
    viewer.keepAliveEvery(Duration.ofSeconds(15));
    assertEquals(List.of(), ticks(Duration.ofSeconds(14)));
    assertEquals(List.of(TraceViewer.KEEP_ALIVE), ticks(Duration.ofSeconds(1)));
    assertEquals(List.of(TraceViewer.KEEP_ALIVE), ticks(Duration.ofSeconds(15)));

    // An event in an interval is enough to keep the feed open: no comment at its end.
    ring.publish("{}");
    assertEquals(List.of("id: 0\ndata: {}\n\n"), written());
    assertEquals(List.of(), ticks(Duration.ofSeconds(15)));
    assertEquals(List.of(TraceViewer.KEEP_ALIVE), ticks(Duration.ofSeconds(15)));

    viewer.stop();
    assertEquals(List.of(), ticks(Duration.ofSeconds(60)));
  }

  /** What the viewer writes while the channel's clock moves on by {@code elapsed}. */
  private List<String> ticks(Duration elapsed) {
    channel.advanceTimeBy(elapsed.toNanos(), TimeUnit.NANOSECONDS);
    channel.runScheduledPendingTasks();
    return written();
  }

  @Test
  void waitsWhileTheChannelIsNotWritable() {
    TraceViewer viewer = open(0);
    channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1, 2));
    channel.write(Unpooled.wrappedBuffer(new byte[16]));
    ring.publish("{}");
    channel.runPendingTasks();
    channel.flush();
    assertEquals(1, channel.outboundMessages().size());
    ((ByteBuf) channel.readOutbound()).release();
    viewer.wake();
    assertEquals(List.of("id: 0\ndata: {}\n\n"), written());
  }
}
