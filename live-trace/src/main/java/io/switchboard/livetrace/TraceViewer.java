package io.switchboard.livetrace;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open page's Server-Sent Events stream: writes the ring's events from its own position, on
 * its channel's event loop, as long as the channel is writable. A viewer that reads too slowly
 * stops being written to (its socket buffer and Netty's high-water mark bound what is queued) and
 * is told how many events it missed once the ring has overwritten them; publishers never wait. A
 * feed quiet for a keep-alive interval gets a comment line, which the browser ignores, so that a
 * proxy's idle timeout (60 s on an AWS ALB and in nginx) does not cut it.
 */
final class TraceViewer implements TraceRing.Reader {
  /** Events written per turn of the event loop, so that one viewer does not hold it up. */
  private static final int BATCH = 256;

  private final TraceRing ring;
  private final ChannelHandlerContext ctx;
  /** The comment line that keeps a quiet feed open. */
  static final String KEEP_ALIVE = ":\n\n";

  private final AtomicBoolean scheduled = new AtomicBoolean();
  private long position;
  // On the event loop only.
  private boolean wroteSinceKeepAlive;
  private ScheduledFuture<?> keepAlive;

  /** A viewer that starts at {@code position}, or at the oldest event still held. */
  TraceViewer(TraceRing ring, ChannelHandlerContext ctx, long position) {
    this.ring = ring;
    this.ctx = ctx;
    this.position = position;
  }

  /** Sends a keep-alive comment on every {@code interval} that wrote nothing; on the event loop. */
  void keepAliveEvery(Duration interval) {
    long nanos = interval.toNanos();
    keepAlive = ctx.executor().scheduleAtFixedRate(this::keepAlive, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  /** Stops the keep-alive comments; on the event loop. */
  void stop() {
    if (keepAlive != null) {
      keepAlive.cancel(false);
    }
  }

  private void keepAlive() {
    if (!wroteSinceKeepAlive && ctx.channel().isActive() && ctx.channel().isWritable()) {
      write(KEEP_ALIVE);
      ctx.flush();
    }
    wroteSinceKeepAlive = false;
  }

  /** Schedules a {@link #flush} on the event loop unless one is pending; any thread. */
  @Override
  public void wake() {
    if (scheduled.compareAndSet(false, true)) {
      try {
        ctx.executor().execute(this::flush);
      } catch (RejectedExecutionException shutDown) {
        // The event loop is stopping: the channel is closing with it.
        scheduled.set(false);
      }
    }
  }

  /** Writes what the channel takes now; on the event loop. */
  private void flush() {
    scheduled.set(false);
    if (!ctx.channel().isActive()) {
      return;
    }
    int written = 0;
    while (position < ring.end() && written < BATCH && ctx.channel().isWritable()) {
      long oldest = ring.start();
      if (position < oldest) {
        write("data: {\"type\":\"dropped\",\"count\":" + (oldest - position) + "}\n\n");
        position = oldest;
        continue;
      }
      TraceRing.Entry entry = ring.read(position);
      if (entry.sequence() < position) {
        break; // its publisher stores it, then wakes this viewer again
      }
      if (entry.sequence() == position) {
        write("id: " + position + "\ndata: " + entry.json() + "\n\n");
        position++;
        written++;
      }
    }
    if (written > 0) {
      wroteSinceKeepAlive = true;
      ctx.flush();
    }
    if (written == BATCH) {
      wake();
    }
  }

  private void write(String frame) {
    ctx.write(new DefaultHttpContent(ByteBufUtil.writeUtf8(ctx.alloc(), frame)));
  }
}
