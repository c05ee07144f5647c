package io.switchboard.backplane.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The publishing half of the backplane, pipelined as StackExchange.Redis does: a PUBLISH is queued,
 * and one task at a time hands everything queued meanwhile to the publishing connection as one
 * batch, which Lettuce writes and flushes once (one write to the socket for the batch instead of one
 * per PUBLISH). The task runs on the connection's event loop, so that PUBLISHes issued while the
 * loop is busy (reading answers, writing the previous batch) join the next batch, without a thread
 * of their own. One queue, one task at a time, one connection: PUBLISHes reach Redis in the order
 * they were queued, so messages of a channel keep their order.
 *
 * <p>Each PUBLISH's future is Lettuce's command itself, completed by Lettuce with the number of
 * receivers or with its error (not connected, timeout, closed), exactly as when it is sent alone.
 */
final class Publisher {
  /** The largest batch handed to Lettuce at once, so that one write stays a modest buffer. */
  static final int MAX_BATCH = 256;

  private final Queue<AsyncCommand<byte[], byte[], Long>> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Runnable drain = this::drain;
  private volatile StatefulRedisConnection<byte[], byte[]> connection;
  private volatile Executor executor;

  /** The connection PUBLISHes go to from now on. */
  void connectedTo(StatefulRedisConnection<byte[], byte[]> publishing) {
    connection = publishing;
  }

  /**
   * Where the batches are written from now on: the publishing connection's event loop, where
   * Lettuce writes without a further hand-over, and where PUBLISHes queue while it is busy.
   */
  void writeOn(Executor loop) {
    executor = loop;
  }

  /** Queues one PUBLISH; its future completes when Redis answers or the command fails. */
  CompletableFuture<Long> publish(byte[] channel, byte[] message) {
    CommandArgs<byte[], byte[]> args =
        new CommandArgs<>(ByteArrayCodec.INSTANCE).addKey(channel).addValue(message);
    AsyncCommand<byte[], byte[], Long> command =
        new AsyncCommand<>(
            new Command<>(CommandType.PUBLISH, new IntegerOutput<>(ByteArrayCodec.INSTANCE), args));
    queue.offer(command);
    if (scheduled.compareAndSet(false, true)) {
      try {
        executor.execute(drain);
      } catch (RejectedExecutionException e) { // shut down: nothing will write them any more
        scheduled.set(false);
        failQueued(new RedisException("The Redis backplane is closed."));
      }
    }
    return command;
  }

  /** One task at a time, whichever executor runs it: cleared only when the queue looked empty. */
  private void drain() {
    do {
      writeQueued();
      scheduled.set(false);
    } while (!queue.isEmpty() && scheduled.compareAndSet(false, true));
  }

  private void writeQueued() {
    List<RedisCommand<byte[], byte[], ?>> batch = new ArrayList<>();
    AsyncCommand<byte[], byte[], Long> next;
    while ((next = queue.poll()) != null) {
      batch.add(next);
      if (batch.size() == MAX_BATCH) {
        write(batch);
        batch = new ArrayList<>();
      }
    }
    if (!batch.isEmpty()) {
      write(batch);
    }
  }

  /** Hands one batch to Lettuce, which keeps the list until it is written: never reused here. */
  private void write(List<RedisCommand<byte[], byte[], ?>> batch) {
    try {
      connection.dispatch(batch);
    } catch (RuntimeException e) {
      batch.forEach(command -> command.completeExceptionally(e));
    }
  }

  private void failQueued(RuntimeException error) {
    AsyncCommand<byte[], byte[], Long> next;
    while ((next = queue.poll()) != null) {
      next.completeExceptionally(error);
    }
  }
}
