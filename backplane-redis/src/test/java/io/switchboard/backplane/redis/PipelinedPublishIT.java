package io.switchboard.backplane.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.switchboard.backplane.BackplaneUnavailableException;
import io.switchboard.backplane.testkit.TestNode;
import io.switchboard.backplane.testkit.TestRedis;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The pipelined PUBLISHes of {@link Publisher} against a real redis-server: one task writes what
 * queued meanwhile, in order; a Redis restart in the middle of a stream of PUBLISHes.
 */
class PipelinedPublishIT {
  private static final long PATIENCE_SECONDS = TestNode.PATIENCE.toSeconds();

  /** Runs its tasks when the test says so. */
  private static final class HeldExecutor implements Executor {
    final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
      tasks.add(task);
    }

    synchronized Runnable take() {
      return tasks.poll();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void publishesQueuedMeanwhileGoOutInOneTaskInTheirOrder() throws Exception {
    String uri = TestRedis.sharedUri();
    RedisClient raw = RedisClient.create(uri);
    try (StatefulRedisConnection<byte[], byte[]> connection = raw.connect(ByteArrayCodec.INSTANCE);
        RedisBackplane receiver = StoppableRedis.backplane(RedisBackplaneOptions.fromUri(uri))) {
      TestNode.awaitHealthy(receiver, true);
      BlockingQueue<String> received = new LinkedBlockingQueue<>();
      receiver.subscribe("pipelined", message -> received.add(new String(message, StandardCharsets.UTF_8)))
          .get(PATIENCE_SECONDS, TimeUnit.SECONDS);
      HeldExecutor executor = new HeldExecutor();
      Publisher publisher = new Publisher();
      publisher.connectedTo(connection);
      publisher.writeOn(executor);
      int count = Publisher.MAX_BATCH + 10; // more than one batch
      List<CompletableFuture<Long>> results = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        results.add(publisher.publish(bytes("pipelined"), bytes("m" + i)));
      }

      Runnable drain = executor.take();
      assertEquals(null, executor.take(), "one task for everything queued meanwhile");
      assertFalse(results.get(0).isDone(), "nothing is sent before the task runs");
      drain.run();

      for (CompletableFuture<Long> result : results) {
        assertEquals(1L, result.get(PATIENCE_SECONDS, TimeUnit.SECONDS), "one receiving server");
      }
      for (int i = 0; i < count; i++) {
        assertEquals("m" + i, received.poll(PATIENCE_SECONDS, TimeUnit.SECONDS));
      }
      publisher.publish(bytes("pipelined"), bytes("later"));
      assertTrue(executor.take() != null, "a PUBLISH after the drain schedules the next task");
    } finally {
      raw.shutdown();
    }
  }

  @Test
  void aRedisRestartAmidPublishesFailsThoseItCutAndLosesNothingSentAfterTheReconnect() throws Exception {
    try (StoppableRedis redis = StoppableRedis.launch();
        RedisBackplane sender = redis.backplane();
        RedisBackplane receiver = redis.backplane()) {
      TestNode.awaitHealthy(receiver, true);
      BlockingQueue<String> received = new LinkedBlockingQueue<>();
      receiver.subscribe("restart", message -> received.add(new String(message, StandardCharsets.UTF_8)))
          .get(PATIENCE_SECONDS, TimeUnit.SECONDS);
      TestNode.awaitHealthy(sender, true);

      // A stream of PUBLISHes, many in flight at once, until 1,000 after the outage began.
      List<CompletableFuture<Long>> during = new ArrayList<>();
      CountDownLatch streaming = new CountDownLatch(1);
      Thread stream =
          new Thread(
              () -> {
                int afterOutage = 0;
                // Bounded, so that a backplane that never notices the outage fails the test, not hangs it.
                for (int i = 0; i < 5_000_000 && afterOutage < 1_000; i++) {
                  if (!sender.isHealthy()) {
                    afterOutage++;
                  }
                  during.add(sender.publish("restart", bytes("during " + i)));
                  if (i == 1_000) {
                    streaming.countDown();
                  }
                }
              });
      stream.start();
      assertTrue(streaming.await(PATIENCE_SECONDS, TimeUnit.SECONDS));
      redis.stop();
      stream.join();
      redis.start();
      TestNode.awaitHealthy(sender, true);
      TestNode.awaitHealthy(receiver, true);

      // Every PUBLISH of the outage ends: sent, or failed with an error the caller can see.
      int failed = 0;
      for (CompletableFuture<Long> result : during) {
        try {
          result.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          failed++;
        }
      }
      assertTrue(failed >= 1_000, "the PUBLISHes of the outage failed: " + failed);
      for (CompletableFuture<Long> issuedWhileDown : during.subList(during.size() - 1_000, during.size())) {
        Throwable error = issuedWhileDown.handle((value, failure) -> failure).join();
        assertTrue(
            error != null && error.getCause() instanceof BackplaneUnavailableException,
            "a PUBLISH issued while down fails as unavailable: " + error);
      }

      // After the reconnect: every message Redis took arrives, in order. (A connection may still
      // notice the restart late and reconnect once more: what that refuses fails, visibly.)
      List<String> taken = new ArrayList<>();
      for (int i = 0; i < 100_000 && taken.size() < 2_000; i++) {
        String message = "after " + i;
        try {
          assertEquals(1L, sender.publish("restart", bytes(message)).get(PATIENCE_SECONDS, TimeUnit.SECONDS));
          taken.add(message);
        } catch (java.util.concurrent.ExecutionException e) {
          assertTrue(e.getCause() instanceof BackplaneUnavailableException, e.getCause().toString());
          TestNode.awaitHealthy(sender, true);
        }
      }
      assertEquals(2_000, taken.size());
      int next = 0;
      while (next < taken.size()) {
        String message = received.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertTrue(message != null, taken.get(next) + " arrived");
        if (message.startsWith("after ")) {
          assertEquals(taken.get(next), message);
          next++;
        }
      }
    }
  }

  @Test
  void whileRedisIsDownAPublishFailsAtOnceAsUnavailable() throws Exception {
    try (StoppableRedis redis = StoppableRedis.launch(); RedisBackplane sender = redis.backplane()) {
      TestNode.awaitHealthy(sender, true);
      redis.stop();
      TestNode.awaitHealthy(sender, false);
      CompletionException error =
          org.junit.jupiter.api.Assertions.assertThrows(
              CompletionException.class, () -> sender.publish("down", bytes("lost")).join());
      assertTrue(error.getCause() instanceof BackplaneUnavailableException, error.getCause().toString());
    }
  }
}
