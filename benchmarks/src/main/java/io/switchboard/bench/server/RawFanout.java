package io.switchboard.bench.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The fan-out ceiling: one received payload is written to every subscribed channel as a shared,
 * reference-counted duplicate (never copied per channel). Subscribers are grouped by event loop; a
 * publish costs one task per event loop, and each task writes everything published since its
 * last pass to each of its subscribers and flushes each one once. Each subscriber frames the
 * payload for its transport: a WebSocket frame, a Server-Sent Event (built once per publish, as
 * soon as one event stream subscribed), or the body of a long poll.
 */
final class RawFanout {
  private final Map<EventExecutor, LoopShare> shares = new ConcurrentHashMap<>();
  private volatile boolean eventStreams;

  /** A channel that gets what is published; all methods on its event loop. */
  interface Subscriber {
    /** The subscribed channel. */
    Channel channel();

    /** Whether it writes {@link Published#event()}, the payload as a Server-Sent Event. */
    default boolean needsEvent() {
      return false;
    }

    /** Queues one message without flushing; {@code message} stays the fan-out's (retain what is kept). */
    void write(Published message);

    /** Ends a pass: sends what {@link #write} queued. */
    void flush();
  }

  /**
   * One published message.
   *
   * @param content the received frame's payload
   * @param text whether it came in a Text frame
   * @param event {@code content} as one Server-Sent Event, or null when no event stream subscribed
   */
  record Published(ByteBuf content, boolean text, ByteBuf event) {
    private Published retainedDuplicate() {
      return new Published(content.retainedDuplicate(), text, event == null ? null : event.retainedDuplicate());
    }

    private void release() {
      content.release();
      if (event != null) {
        event.release();
      }
    }
  }

  /** Adds a subscriber; on its event loop. */
  void add(Subscriber subscriber) {
    if (subscriber.needsEvent()) {
      eventStreams = true;
    }
    shares.computeIfAbsent(subscriber.channel().eventLoop(), LoopShare::new).subscribers.add(subscriber);
  }

  /** Removes a subscriber; on its event loop. */
  void remove(Subscriber subscriber) {
    LoopShare share = shares.get(subscriber.channel().eventLoop());
    if (share != null) {
      share.subscribers.remove(subscriber);
    }
  }

  /** Writes {@code content} (not consumed: the caller keeps its reference) to every subscriber. */
  void publish(ByteBuf content, boolean text) {
    Published message = new Published(content, text, eventStreams ? RawEventStreamHandler.event(content) : null);
    for (LoopShare share : shares.values()) {
      share.offer(message.retainedDuplicate());
    }
    if (message.event() != null) {
      message.event().release();
    }
  }

  /** The subscribers of one event loop and what is waiting to be written to them. */
  private static final class LoopShare implements Runnable {
    private final EventExecutor loop;
    private final List<Subscriber> subscribers = new ArrayList<>(); // event loop only
    private final Queue<Published> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final List<Published> batch = new ArrayList<>(); // event loop only

    LoopShare(EventExecutor loop) {
      this.loop = loop;
    }

    void offer(Published message) {
      pending.offer(message);
      if (scheduled.compareAndSet(false, true)) {
        loop.execute(this);
      }
    }

    @Override
    public void run() {
      scheduled.set(false);
      Published message;
      while ((message = pending.poll()) != null) {
        batch.add(message);
      }
      for (Subscriber subscriber : subscribers) {
        for (Published p : batch) {
          subscriber.write(p);
        }
        subscriber.flush();
      }
      for (Published p : batch) {
        p.release();
      }
      batch.clear();
    }
  }
}
