package io.switchboard.connection;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The client-to-server half of Server-Sent Events and long polling (protocol §1.7): POST bodies
 * reach the application one at a time, in arrival order, and each POST is answered once its body
 * has been taken.
 *
 * <p>Back-pressure: while the application has paused reading, the POST whose body it just took
 * stays unanswered (the clients send nothing more until it is) and later POSTs wait in line.
 * Bodies also wait until the application is running on the connection. Nothing blocks: a waiting
 * body is delivered later on its own request's executor. Once the application has ended the
 * connection, no POST waits any more: as the reference's sends into a completed pipe, each is
 * answered 200 and its body dropped, until the connection is disposed.
 */
final class InboundSends {
  private static final TransportResponse ACCEPTED = TransportResponse.empty(200);
  private static final TransportResponse GONE = TransportResponse.empty(404);

  private final Consumer<ByteBuffer> application;
  // Guarded by this. Created by the first body that has to wait: WebSockets never use it.
  private ArrayDeque<Send> waiting;
  private boolean delivering;
  private boolean started;
  private boolean paused;
  private boolean disposed;
  /** The application ended the connection and reads no more. */
  private boolean ended;
  private Send held;

  private record Send(ByteBuffer body, Executor executor, CompletableFuture<TransportResponse> answer) {}

  /** @param application receives the bodies (the connection's input) */
  InboundSends(Consumer<ByteBuffer> application) {
    this.application = application;
  }

  /**
   * Queues a POST body. It is delivered before this call returns when nothing is ahead of it, and
   * copied otherwise, so {@code body} need only stay valid during the call.
   *
   * @param executor runs the delivery if it has to wait (the request's event loop)
   * @return completes with the answer: 200 once delivered, empty 404 if the connection ends first
   */
  CompletionStage<TransportResponse> offer(ByteBuffer body, Executor executor) {
    CompletableFuture<TransportResponse> answer = new CompletableFuture<>();
    boolean deliverNow;
    synchronized (this) {
      if (disposed) {
        return CompletableFuture.completedFuture(GONE);
      }
      if (ended) {
        return CompletableFuture.completedFuture(ACCEPTED);
      }
      deliverNow = !delivering && deliverable();
      if (deliverNow) {
        delivering = true;
      } else {
        if (waiting == null) {
          waiting = new ArrayDeque<>();
        }
        waiting.add(new Send(copy(body), executor, answer));
      }
    }
    if (deliverNow) {
      deliver(new Send(body, executor, answer));
    }
    return answer;
  }

  /** The application runs on the connection: bodies may flow. */
  void start() {
    synchronized (this) {
      started = true;
    }
    pump();
  }

  /** The application paused reading. */
  void pause() {
    synchronized (this) {
      paused = true;
    }
  }

  /** The application resumed reading: answer the held POST and go on with the line. */
  void resume() {
    Send release;
    synchronized (this) {
      paused = false;
      release = held;
      held = null;
    }
    if (release != null) {
      finish(release);
    } else {
      pump();
    }
  }

  /**
   * The application ended the connection: the held POST and those waiting in line are answered
   * now, with 200, rather than with a 404 when the connection is finally disposed.
   */
  void end() {
    for (Send send : takeUnanswered(true)) {
      send.answer().complete(ACCEPTED);
    }
  }

  /** The connection is gone: every POST still waiting gets an empty 404. */
  void dispose() {
    for (Send send : takeUnanswered(false)) {
      send.answer().complete(GONE);
    }
  }

  /** Ends (or disposes) and takes the held and the waiting POSTs, to be answered. */
  private synchronized List<Send> takeUnanswered(boolean byApplication) {
    if (byApplication) {
      ended = true;
    } else {
      disposed = true;
    }
    List<Send> unanswered = new ArrayList<>();
    if (held != null) {
      unanswered.add(held);
      held = null;
    }
    if (waiting != null) {
      unanswered.addAll(waiting);
      waiting.clear();
    }
    return unanswered;
  }

  private void deliver(Send send) {
    application.accept(send.body());
    synchronized (this) {
      if (paused && !disposed && !ended) {
        held = send;
        return;
      }
    }
    finish(send);
  }

  /** Answers {@code send} and hands the turn to the next waiting body. */
  private void finish(Send send) {
    send.answer().complete(lostWhileDelivering() ? GONE : ACCEPTED);
    synchronized (this) {
      delivering = false;
    }
    pump();
  }

  /** Starts delivering the next waiting body if nothing is in progress and the gate is open. */
  private void pump() {
    Send next;
    synchronized (this) {
      if (delivering || !deliverable() || waiting == null || waiting.isEmpty()) {
        return;
      }
      delivering = true;
      next = waiting.poll();
    }
    next.executor().execute(() -> deliver(next));
  }

  private boolean deliverable() {
    return started && !paused && !disposed && !ended;
  }

  /**
   * Whether the connection went away during the delivery other than by the application ending it:
   * a body the application took and then ended the connection on (e.g. a hub method that aborts,
   * even if the disposal beats this answer) was accepted, as the reference's send into the pipe.
   */
  private boolean lostWhileDelivering() {
    synchronized (this) {
      return disposed && !ended;
    }
  }

  private static ByteBuffer copy(ByteBuffer body) {
    ByteBuffer copy = ByteBuffer.allocate(body.remaining());
    copy.put(body.duplicate()).flip();
    return copy;
  }
}
