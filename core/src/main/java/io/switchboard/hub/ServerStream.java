package io.switchboard.hub;

import io.switchboard.events.TracedInvocation;
import io.switchboard.events.StreamOutcome;
import io.switchboard.protocol.CompletionMessage;
import io.switchboard.protocol.StreamItemMessage;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the items of a streaming hub method's result to the caller, one StreamItem each, then a
 * Completion: void when the source ended or the stream was cancelled, an error when the source
 * failed. Sources: {@link Flow.Publisher} (pulled one item at a time), {@link Stream} and
 * {@link Iterator} (iterated on the hub executor). The invocation's trace ends with the stream (a
 * cancelled stream is no failure).
 */
final class ServerStream {
  private static final Logger log = LoggerFactory.getLogger(ServerStream.class);

  private final HubConnectionContext caller;
  private final String invocationId;
  private final StreamCancellation cancellation;
  private final boolean detailedErrors;
  private final Runnable onEnd;
  private final TracedInvocation trace;
  private final StreamEvents report;
  private final AtomicBoolean finished = new AtomicBoolean();

  ServerStream(
      HubConnectionContext caller,
      String invocationId,
      StreamCancellation cancellation,
      boolean detailedErrors,
      Runnable onEnd,
      TracedInvocation trace,
      StreamEvents report) {
    this.caller = caller;
    this.invocationId = invocationId;
    this.cancellation = cancellation;
    this.detailedErrors = detailedErrors;
    this.onEnd = onEnd;
    this.trace = trace;
    this.report = report;
  }

  /** Streams {@code source}; for iterated sources this blocks until the stream ends. */
  void run(Object source) {
    try {
      if (source instanceof Flow.Publisher<?> publisher) {
        publisher.subscribe(new ItemSubscriber());
      } else if (source instanceof Stream<?> stream) {
        try (stream) {
          iterate(stream.iterator());
        }
      } else {
        iterate((Iterator<?>) source);
      }
    } catch (RuntimeException e) {
      finish(e); // what the stream took is given back however its source failed
    }
  }

  private void iterate(Iterator<?> items) {
    while (!cancellation.isCancelled() && items.hasNext()) {
      sendItem(items.next());
    }
    finish(null);
  }

  private void sendItem(Object item) {
    report.item();
    caller.send(new StreamItemMessage(Map.of(), invocationId, item));
  }

  private void finish(Throwable error) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    InvocationTracing.end(trace, error);
    onEnd.run();
    report.finished(
        error != null
            ? StreamOutcome.ERROR
            : cancellation.isCancelled() ? StreamOutcome.CANCELLED : StreamOutcome.COMPLETED);
    if (error == null) {
      caller.send(CompletionMessage.empty(invocationId));
      return;
    }
    log.error("Streaming hub method failed on connection {}", caller.connectionId(), error);
    caller.send(
        CompletionMessage.withError(invocationId, HubErrors.streamFailed(error, detailedErrors)));
  }

  /** Pulls one item at a time, so a slow producer is never buffered ahead. */
  private final class ItemSubscriber implements Flow.Subscriber<Object> {
    private Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription newSubscription) {
      subscription = newSubscription;
      cancellation.onCancel(
          () -> {
            newSubscription.cancel();
            finish(null);
          });
      if (!finished.get()) {
        newSubscription.request(1);
      }
    }

    @Override
    public void onNext(Object item) {
      if (!finished.get()) {
        sendItem(item);
        subscription.request(1);
      }
    }

    @Override
    public void onError(Throwable error) {
      finish(error);
    }

    @Override
    public void onComplete() {
      finish(null);
    }
  }
}
