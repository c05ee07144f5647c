package io.switchboard.bench.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The fan-out ceiling: one received payload is written to every channel as a shared,
 * reference-counted duplicate (never copied per channel). Channels are grouped by event loop; a
 * publish costs one task per event loop, and each task writes everything published since its
 * last pass to each of its channels and flushes each channel once.
 */
final class RawFanout {
  private final Map<EventExecutor, LoopShare> shares = new ConcurrentHashMap<>();

  /** Adds a channel; on its event loop. */
  void add(Channel channel) {
    shares.computeIfAbsent(channel.eventLoop(), LoopShare::new).channels.add(channel);
  }

  /** Removes a channel; on its event loop. */
  void remove(Channel channel) {
    LoopShare share = shares.get(channel.eventLoop());
    if (share != null) {
      share.channels.remove(channel);
    }
  }

  /** Writes {@code content} (not consumed: the caller keeps its reference) to every channel. */
  void publish(ByteBuf content, boolean text) {
    for (LoopShare share : shares.values()) {
      share.offer(new Payload(content.retainedDuplicate(), text));
    }
  }

  private record Payload(ByteBuf content, boolean text) {}

  /** The channels of one event loop and what is waiting to be written to them. */
  private static final class LoopShare implements Runnable {
    private final EventExecutor loop;
    private final List<Channel> channels = new ArrayList<>(); // event loop only
    private final Queue<Payload> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final List<Payload> batch = new ArrayList<>(); // event loop only

    LoopShare(EventExecutor loop) {
      this.loop = loop;
    }

    void offer(Payload payload) {
      pending.offer(payload);
      if (scheduled.compareAndSet(false, true)) {
        loop.execute(this);
      }
    }

    @Override
    public void run() {
      scheduled.set(false);
      Payload payload;
      while ((payload = pending.poll()) != null) {
        batch.add(payload);
      }
      for (Channel channel : channels) {
        for (Payload p : batch) {
          ByteBuf content = p.content().retainedDuplicate();
          channel.write(
              p.text() ? new TextWebSocketFrame(content) : new BinaryWebSocketFrame(content),
              channel.voidPromise());
        }
        channel.flush();
      }
      for (Payload p : batch) {
        p.content().release();
      }
      batch.clear();
    }
  }
}
