package io.switchboard.connection;

import io.switchboard.connection.internal.LimitedWarnings;
import io.switchboard.events.SlowClientReason;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-to-client half of long polling (protocol §1.9), one per connection: buffers what the
 * application writes between polls and answers the poll that waits.
 *
 * <ul>
 *   <li>A poll is answered at once when data is buffered, otherwise as soon as some arrives (with
 *       everything buffered by then, each write complete), or empty after the poll timeout.
 *   <li>A newer poll supersedes the waiting one, which gets 204.
 *   <li>After {@link #close()} the buffered data is still delivered; the next poll then gets 204
 *       and the connection ends. {@link #abort()} answers the waiting poll 204 and ends it at once.
 *   <li>Buffering more than {@code maxBufferedBytes} aborts the connection (a client that reads
 *       too little), as the other transports do with their outbound bound.
 * </ul>
 */
final class LongPollingSession implements TransportSession {
  private static final Logger LOG = LoggerFactory.getLogger(LongPollingSession.class);
  private static final LimitedWarnings ABORTS = new LimitedWarnings(LOG, "slow long-polling clients aborted");
  private static final TransportResponse TIMED_OUT = TransportResponse.empty(200);
  private static final TransportResponse TERMINATED = TransportResponse.empty(204);

  private final ManagedConnection connection;
  private final Duration pollTimeout;
  private final long maxBufferedBytes;
  private final Object lock = new Object();
  // Guarded by lock.
  private final ArrayDeque<byte[]> buffered = new ArrayDeque<>();
  private long bufferedBytes;
  private LongPoll waiting;
  private Future<?> timeout;
  private boolean answerScheduled;
  private boolean closing;
  private boolean ended;

  LongPollingSession(ManagedConnection connection, Duration pollTimeout, long maxBufferedBytes) {
    this.connection = connection;
    this.pollTimeout = pollTimeout;
    // One poll answer is one array.
    this.maxBufferedBytes = Math.min(maxBufferedBytes, Integer.MAX_VALUE - 8);
  }

  /** Serves a poll after the first: it waits, or is answered at once when there is news. */
  void poll(LongPoll poll) {
    LongPoll superseded;
    boolean answerNow;
    synchronized (lock) {
      if (ended) {
        // Lost a race with the end of the connection.
        superseded = poll;
        answerNow = false;
      } else {
        superseded = waiting;
        cancelTimeout();
        waiting = poll;
        answerNow = !buffered.isEmpty() || closing;
        answerScheduled = answerNow;
        if (!answerNow) {
          timeout =
              poll.executor()
                  .schedule(() -> answer(poll), pollTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
      }
    }
    if (superseded != null) {
      superseded.respond(TERMINATED);
    }
    if (answerNow) {
      answer(poll);
    }
  }

  /** The client went away from {@code poll} before its answer: the connection turns inactive. */
  void abandon(LongPoll poll) {
    synchronized (lock) {
      if (waiting != poll) {
        return;
      }
      waiting = null;
      answerScheduled = false;
      cancelTimeout();
    }
    connection.deactivate(poll);
  }

  @Override
  public void write(byte[] data) {
    LongPoll wake;
    boolean overflow = false;
    synchronized (lock) {
      if (closing || ended) {
        return;
      }
      if (bufferedBytes + data.length > maxBufferedBytes) {
        overflow = true;
        wake = null;
      } else {
        buffered.add(data);
        bufferedBytes += data.length;
        wake = wakeWaitingLocked();
      }
    }
    if (overflow) {
      IOException cause =
          new IOException(
              "Outbound limit of " + maxBufferedBytes + " bytes exceeded by a slow long-polling client");
      ABORTS.warn("Connection {}: aborted, {}", connection.connectionId(), cause.getMessage());
      connection.events().slowClientDropped(connection.connectionId(), SlowClientReason.OUTBOUND_LIMIT);
      end(cause);
    } else if (wake != null) {
      wake.executor().execute(() -> answer(wake));
    }
  }

  @Override
  public void close() {
    LongPoll wake;
    synchronized (lock) {
      if (closing || ended) {
        return;
      }
      closing = true;
      wake = wakeWaitingLocked();
    }
    if (wake != null) {
      wake.executor().execute(() -> answer(wake));
    }
  }

  @Override
  public void abort() {
    end(null);
  }

  /** Drops everything, answers the waiting poll 204 and ends the connection. */
  private void end(Throwable error) {
    LongPoll last;
    synchronized (lock) {
      if (ended) {
        return;
      }
      ended = true;
      buffered.clear();
      bufferedBytes = 0;
      last = waiting;
      waiting = null;
      cancelTimeout();
    }
    if (last != null) {
      last.respond(TERMINATED);
    }
    connection.transportEnded(this, error);
  }

  /**
   * Answers {@code poll} if it still waits: with the buffered data, with 204 once the connection
   * is closing and drained, or empty (the timeout).
   */
  private void answer(LongPoll poll) {
    TransportResponse response;
    boolean finished = false;
    synchronized (lock) {
      if (waiting != poll) {
        return;
      }
      waiting = null;
      answerScheduled = false;
      cancelTimeout();
      if (!buffered.isEmpty()) {
        response = TransportResponse.binary(drainLocked());
      } else if (closing) {
        response = TERMINATED;
        ended = true;
        finished = true;
      } else {
        response = TIMED_OUT;
      }
    }
    poll.respond(response);
    if (finished) {
      connection.transportEnded(this, null);
    } else {
      connection.deactivate(poll);
    }
  }

  /** The waiting poll, if it needs an answer task that is not scheduled yet. */
  private LongPoll wakeWaitingLocked() {
    if (waiting == null || answerScheduled) {
      return null;
    }
    answerScheduled = true;
    return waiting;
  }

  private byte[] drainLocked() {
    byte[] all = new byte[(int) bufferedBytes];
    int offset = 0;
    for (byte[] chunk : buffered) {
      System.arraycopy(chunk, 0, all, offset, chunk.length);
      offset += chunk.length;
    }
    buffered.clear();
    bufferedBytes = 0;
    return all;
  }

  private void cancelTimeout() {
    if (timeout != null) {
      timeout.cancel(false);
      timeout = null;
    }
  }
}
