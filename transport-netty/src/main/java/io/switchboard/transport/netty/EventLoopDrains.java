package io.switchboard.transport.netty;

import io.netty.channel.EventLoop;
import io.switchboard.connection.internal.WriteBatch;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Queue;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Batches the drains of many channels of one event loop into one task: a broadcast to thousands
 * of connections then costs one task per event loop instead of one per connection. The drains of
 * a {@link WriteBatch} (a broadcast) are gathered on the writing thread and handed over when it
 * ends, so that the loop is not woken again and again while the broadcast is still being queued.
 */
final class EventLoopDrains {
  private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Runnable runAll = this::runAll;

  private EventLoopDrains() {}

  /**
   * The batches of one handler's event loops: owned by the handler, so that two servers in one JVM
   * share none.
   */
  static final class PerLoop {
    // Weak keys: the batch of an event loop goes when its group is shut down and the loop is gone.
    private final Map<EventLoop, EventLoopDrains> byLoop =
        Collections.synchronizedMap(new WeakHashMap<>());

    /** The batch of {@code loop}. */
    EventLoopDrains of(EventLoop loop) {
      return byLoop.computeIfAbsent(loop, key -> new EventLoopDrains());
    }
  }

  /**
   * Runs {@code drain} on {@code loop} soon, in the same task as the other pending drains; inside
   * a {@link WriteBatch}, in one task with the batch's other drains for this loop when it ends.
   */
  void submit(EventLoop loop, Runnable drain) {
    GatheredDrains gathered = WriteBatch.piece(this, () -> new GatheredDrains(loop));
    if (gathered != null) {
      gathered.add(drain);
      return;
    }
    pending.offer(drain);
    if (scheduled.compareAndSet(false, true)) {
      loop.execute(runAll);
    }
  }

  /** One write batch's drains for the channels of one event loop. */
  private static final class GatheredDrains implements Runnable {
    private final EventLoop loop;
    private Runnable[] drains = new Runnable[32];
    private int size;

    GatheredDrains(EventLoop loop) {
      this.loop = loop;
    }

    void add(Runnable drain) {
      if (size == drains.length) {
        drains = Arrays.copyOf(drains, size * 2);
      }
      drains[size++] = drain;
    }

    /** The batch ended: hand every drain to the loop in one task. */
    @Override
    public void run() {
      loop.execute(this::runAll);
    }

    private void runAll() {
      for (int i = 0; i < size; i++) {
        drains[i].run();
      }
    }
  }

  private void runAll() {
    // Cleared first: a drain submitted from now on is either run below or schedules a new task.
    scheduled.set(false);
    Runnable drain;
    while ((drain = pending.poll()) != null) {
      drain.run();
    }
  }
}
