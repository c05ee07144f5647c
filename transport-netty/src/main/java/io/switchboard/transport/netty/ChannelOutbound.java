package io.switchboard.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.switchboard.events.SlowClientReason;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.Consumer;

/**
 * The output side of one connection's channel: takes messages from any thread and moves them onto
 * the event loop in batches, so that many writes cost one task and one flush. Keeps outbound
 * memory bounded (see {@link SwitchboardHttpHandler} for the policy).
 *
 * <p>Writers append to a lock-free queue and schedule a drain only if none is pending; drains of
 * the channels of one event loop run together in one task ({@link EventLoopDrains}). The drain
 * clears the flag <em>before</em> emptying the queue, so a message added after the flag is
 * cleared is either seen by this drain or schedules the next one; none is stranded.
 *
 * <p>A writer touches this object and its queue only, never the channel: a broadcast to
 * thousands of connections would otherwise read each channel's outbound buffer and config from
 * the broadcasting thread, cold in its cache. What the channel holds is taken on the event loop
 * instead, after every drain and writability change, and the queued bytes a drain moved into the
 * channel leave the queue's count only after that, so the bound never misses them.
 * Between two drains the channel only shrinks: the bound may see more than it holds, never less.
 * (The drain is this object itself, as a task: one object fewer per connection.)
 */
final class ChannelOutbound implements Runnable {
  private static final AtomicLongFieldUpdater<ChannelOutbound> QUEUED_BYTES =
      AtomicLongFieldUpdater.newUpdater(ChannelOutbound.class, "queuedBytes");
  private static final AtomicIntegerFieldUpdater<ChannelOutbound> DRAIN_SCHEDULED =
      AtomicIntegerFieldUpdater.newUpdater(ChannelOutbound.class, "drainScheduled");
  private static final AtomicIntegerFieldUpdater<ChannelOutbound> OVERFLOWED =
      AtomicIntegerFieldUpdater.newUpdater(ChannelOutbound.class, "overflowed");

  private final Channel channel;
  private final EventLoop loop;
  private final NettyTransportOptions options;
  private final Consumer<IOException> onOverflow;
  private final Consumer<Throwable> onSendFailure;
  private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
  // Updater-driven fields rather than Atomic* objects: every idle connection has one of these.
  private volatile long queuedBytes;
  private volatile int drainScheduled;
  private volatile int overflowed;
  /** The bytes the channel held at the end of the latest drain or writability change. */
  private volatile long channelBytes;
  private final EventLoopDrains loopDrains;
  private volatile ChannelHandlerContext ctx;
  private volatile boolean accepting = true;
  // Event loop only.
  private ScheduledFuture<?> unwritableTimer;
  private boolean finished;
  /** A drain is writing: a failure the void promise reports now is one of its writes. */
  private boolean writing;

  /**
   * @param onOverflow aborts the connection; called at most once, on any thread
   * @param onSendFailure a write failed while the channel is still open (a failing encoder or
   *     handler, not a dead socket, whose end the channel reports itself); on the event loop
   */
  ChannelOutbound(
      Channel channel,
      EventLoopDrains loopDrains,
      NettyTransportOptions options,
      Consumer<IOException> onOverflow,
      Consumer<Throwable> onSendFailure) {
    this.channel = channel;
    this.loop = channel.eventLoop();
    this.loopDrains = loopDrains;
    this.options = options;
    this.onOverflow = onOverflow;
    this.onSendFailure = onSendFailure;
  }

  /** Sets the context messages are written from (the owning handler's); before any drain. */
  void bind(ChannelHandlerContext context) {
    ctx = context;
  }

  /**
   * Queues {@code message} (a {@link ByteBuf} or {@link ByteBufHolder}) without flushing; it is
   * dropped once output has stopped, or when it would exceed the hard bound.
   */
  void write(Object message) {
    int bytes = sizeOf(message);
    if (!accepting) {
      ReferenceCountUtil.release(message);
      return;
    }
    long queued = QUEUED_BYTES.addAndGet(this, bytes);
    if (queued + channelBytes > options.maxPendingWriteBytes()) {
      QUEUED_BYTES.addAndGet(this, -bytes);
      ReferenceCountUtil.release(message);
      overflow(
          new SlowClientException(SlowClientReason.OUTBOUND_LIMIT,
              "Outbound limit of " + options.maxPendingWriteBytes() + " bytes exceeded by a slow client"));
      return;
    }
    queue.offer(message);
    scheduleDrain();
  }

  /**
   * Stops taking writes and runs {@code lastAction} on the event loop after everything queued so
   * far has been written. Later calls do nothing.
   */
  void finish(Runnable lastAction) {
    if (accepting) {
      accepting = false;
      queue.offer(new LastAction(lastAction));
      scheduleDrain();
    }
  }

  /** Stops taking writes and drops what is queued (the channel is gone). Event loop only. */
  void discard() {
    accepting = false;
    cancelUnwritableTimer();
    Object message;
    while ((message = queue.poll()) != null) {
      ReferenceCountUtil.release(message);
    }
  }

  /**
   * Starts the send timeout when the channel turns unwritable and stops it when it recovers.
   * Event loop only.
   */
  void writabilityChanged() {
    channelBytes = bytesInChannel();
    if (!channel.isWritable()) {
      if (unwritableTimer == null) {
        long nanos = options.sendTimeout().toNanos();
        unwritableTimer = channel.eventLoop().schedule(this::sendTimedOut, nanos, TimeUnit.NANOSECONDS);
      }
    } else {
      cancelUnwritableTimer();
    }
  }

  private void sendTimedOut() {
    unwritableTimer = null;
    if (!channel.isWritable()) {
      overflow(
          new SlowClientException(SlowClientReason.SEND_TIMEOUT,
              "The client read too little for "
                  + options.sendTimeout().toMillis()
                  + " ms: its outbound buffer stayed above the high watermark"));
    }
  }

  private void cancelUnwritableTimer() {
    if (unwritableTimer != null) {
      unwritableTimer.cancel(false);
      unwritableTimer = null;
    }
  }

  private void scheduleDrain() {
    if (DRAIN_SCHEDULED.compareAndSet(this, 0, 1)) {
      loopDrains.submit(loop, this);
    }
  }

  /** The drain. Never throws: a failing write or last action is this connection's send failure alone. */
  @Override
  public void run() {
    drainScheduled = 0;
    try {
      drainQueue();
    } catch (RuntimeException e) {
      onSendFailure.accept(e);
    }
  }

  /**
   * Messages are written with the channel's void promise (no promise and listener per message):
   * a write that fails reports its cause to the pipeline's {@code exceptionCaught}, while the
   * drain is still writing, where the owning handler hands it to {@link #failedWhileWriting}.
   */
  private void drainQueue() {
    ChannelHandlerContext context = ctx;
    boolean written = false;
    long drained = 0;
    writing = true;
    try {
      Object item;
      while ((item = queue.poll()) != null) {
        if (item instanceof LastAction last) {
          finished = true;
          last.action().run();
          continue;
        }
        drained += sizeOf(item);
        if (finished) {
          // Lost a race with finish(): nothing may follow the last action.
          ReferenceCountUtil.release(item);
          continue;
        }
        context.write(item, context.voidPromise());
        written = true;
      }
      if (written) {
        context.flush();
      }
    } finally {
      writing = false;
      // The channel's count first: a writer that sees the queue's count drop sees this one too.
      channelBytes = bytesInChannel();
      QUEUED_BYTES.addAndGet(this, -drained);
    }
  }

  /**
   * For the owning handler's {@code exceptionCaught}: whether {@code cause} is the failure of a
   * write of the running drain, which is then this connection's send failure if the channel is
   * still open (a dead socket's failed writes are its end, which the channel reports itself).
   * Event loop only.
   */
  boolean failedWhileWriting(Throwable cause) {
    if (!writing) {
      return false;
    }
    if (channel.isActive()) {
      onSendFailure.accept(cause);
    }
    return true;
  }

  /**
   * The bytes held for the client: queued here and in the channel, not yet written to the socket.
   * Any thread.
   */
  long pendingBytes() {
    return queuedBytes + bytesInChannel();
  }

  /**
   * The bytes the channel holds but has not yet written to the socket, read through the supported
   * distances to its write-buffer watermarks (Channel.unsafe() is not for user code); a closed
   * channel, which holds no buffer, counts none. Event loop only.
   */
  private long bytesInChannel() {
    ChannelConfig config = channel.config();
    if (channel.isWritable()) {
      long before = channel.bytesBeforeUnwritable();
      return before == 0
          ? config.getWriteBufferHighWaterMark()
          : config.getWriteBufferHighWaterMark() + 1 - before;
    }
    long before = channel.bytesBeforeWritable();
    return before == Long.MAX_VALUE ? 0 : config.getWriteBufferLowWaterMark() - 1 + before;
  }

  private void overflow(IOException cause) {
    if (OVERFLOWED.compareAndSet(this, 0, 1)) {
      accepting = false;
      onOverflow.accept(cause);
    }
  }

  private static int sizeOf(Object message) {
    if (message instanceof ByteBuf buf) {
      return buf.readableBytes();
    }
    return ((ByteBufHolder) message).content().readableBytes();
  }

  private record LastAction(Runnable action) {}
}
