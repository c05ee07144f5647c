package io.switchboard.transport.netty;

import io.netty.channel.EventLoop;
import io.switchboard.connection.WriteBatch;
import java.util.Collections;
import java.util.Map;
import java.util.Queue;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Batches the drains of many channels of one event loop into one task: a broadcast to thousands
 * of connections then costs one task per event loop instead of one per connection. Inside a
 * {@link WriteBatch} the task is handed to the loop when the batch ends, so that the loop does not
 * wake up again and again while the broadcast is still being queued.
 */
final class EventLoopDrains {
  // Weak keys: the batch of an event loop goes when its group is shut down and the loop is gone.
  private static final Map<EventLoop, EventLoopDrains> BY_LOOP =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Runnable runAll = this::runAll;

  private EventLoopDrains() {}

  /** The batch of {@code loop}. */
  static EventLoopDrains of(EventLoop loop) {
    return BY_LOOP.computeIfAbsent(loop, key -> new EventLoopDrains());
  }

  /** Runs {@code drain} on {@code loop} soon, in the same task as the other pending drains. */
  void submit(EventLoop loop, Runnable drain) {
    pending.offer(drain);
    if (scheduled.compareAndSet(false, true) && !WriteBatch.defer(() -> loop.execute(runAll))) {
      loop.execute(runAll);
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
