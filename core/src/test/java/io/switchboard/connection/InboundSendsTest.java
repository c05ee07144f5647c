package io.switchboard.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** POST sends (protocol §1.7): order, back-pressure, the end of the connection. */
class InboundSendsTest {
  private final List<String> received = new ArrayList<>();
  private final List<Runnable> deferred = new ArrayList<>();
  /** Runs deliveries that had to wait only when the test says so. */
  private final Executor later = deferred::add;
  private InboundSends sends;

  private InboundSends sends(Runnable onEachBody) {
    return new InboundSends(
        body -> {
          received.add(StandardCharsets.UTF_8.decode(body).toString());
          onEachBody.run();
        });
  }

  private CompletableFuture<TransportResponse> offer(String text) {
    ByteBuffer body = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    CompletableFuture<TransportResponse> answer = sends.offer(body, later).toCompletableFuture();
    body.clear().put(new byte[body.capacity()]); // the caller's buffer is reused
    return answer;
  }

  private void runDeferred() {
    while (!deferred.isEmpty()) {
      deferred.remove(0).run();
    }
  }

  @Test
  void aBodyIsDeliveredAndAnsweredAtOnce() {
    sends = sends(() -> {});
    sends.start();
    TransportResponse answer = offer("hello").join();
    assertEquals(200, answer.status());
    assertEquals("text/plain", answer.contentType());
    assertEquals(0, answer.body().length);
    assertEquals(List.of("hello"), received);
  }

  @Test
  void bodiesWaitUntilTheApplicationRuns() {
    sends = sends(() -> {});
    CompletableFuture<TransportResponse> early = offer("early");
    assertTrue(received.isEmpty());
    sends.start();
    runDeferred();
    assertEquals(List.of("early"), received, "a waiting body was copied");
    assertEquals(200, early.join().status());
  }

  @Test
  void pausedReadingHoldsThePostAndTheLine() {
    sends = sends(() -> sends.pause());
    sends.start();
    CompletableFuture<TransportResponse> first = offer("first");
    CompletableFuture<TransportResponse> second = offer("second");
    runDeferred();
    assertFalse(first.isDone(), "held while the application reads no more");
    assertEquals(List.of("first"), received);

    sends.resume();
    assertEquals(200, first.join().status());
    runDeferred();
    assertEquals(List.of("first", "second"), received);
    assertFalse(second.isDone(), "the second body paused reading again");
    sends.resume();
    assertEquals(200, second.join().status());
  }

  @Test
  void theEndOfTheConnectionAnswersWaitingPostsWithAnEmpty404() {
    sends = sends(() -> sends.pause());
    sends.start();
    CompletableFuture<TransportResponse> held = offer("held");
    CompletableFuture<TransportResponse> queued = offer("queued");
    sends.dispose();
    for (CompletableFuture<TransportResponse> answer : List.of(held, queued)) {
      assertEquals(404, answer.join().status());
      assertEquals(0, answer.join().body().length);
    }
    assertEquals(404, offer("late").join().status());
    runDeferred();
    assertEquals(List.of("held"), received);
  }

  @Test
  void aBodyAfterWhichTheApplicationEndsTheConnectionIsAccepted() {
    sends = sends(() -> sends.end());
    sends.start();
    assertEquals(200, offer("close").join().status());
    assertEquals(200, offer("late").join().status());
    assertEquals(List.of("close"), received, "nothing is delivered after the end");
  }

  @Test
  void aBodyAfterWhichTheApplicationEndsAndTheConnectionIsDisposedIsAccepted() {
    // A hub method that aborts can end and dispose the connection before its POST is answered.
    sends = sends(() -> {
      sends.end();
      sends.dispose();
    });
    sends.start();
    assertEquals(200, offer("abort").join().status());
    assertEquals(404, offer("late").join().status(), "gone once disposed");
  }
}
