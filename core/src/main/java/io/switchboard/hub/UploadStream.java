package io.switchboard.hub;

import io.switchboard.events.StreamOutcome;
import java.lang.reflect.Type;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A client-to-server stream bound to a hub method parameter: a bounded buffer of items (the
 * reference's {@code StreamBufferCapacity}) that the hub method reads as a blocking
 * {@link Stream}. A full buffer stops the connection's receive loop until the method reads on.
 */
final class UploadStream {
  private static final Object NULL_ITEM = new Object();
  private static final Object END = new Object();

  private final Type itemType;
  private final int capacity;
  private final BlockingQueue<Object> items = new LinkedBlockingQueue<>();
  private volatile String error;
  private volatile Runnable onSpace;
  private final StreamEvents report;

  UploadStream(Type itemType, int capacity, StreamEvents report) {
    this.itemType = itemType;
    this.capacity = capacity;
    this.report = report;
  }

  Type itemType() {
    return itemType;
  }

  /**
   * Adds an item unless the buffer is full.
   *
   * @param whenSpace run once when the reader frees space after a refusal
   * @return false when the buffer is full
   */
  boolean offer(Object item, Runnable whenSpace) {
    if (items.size() >= capacity) {
      onSpace = whenSpace;
      if (items.size() >= capacity) {
        return false;
      }
      onSpace = null; // the reader made room meanwhile
    }
    items.add(item == null ? NULL_ITEM : item);
    report.item();
    return true;
  }

  /** The client ended the stream; with an error text, the reader gets a {@link HubException}. */
  void complete(String errorText) {
    report.finished(errorText == null ? StreamOutcome.COMPLETED : StreamOutcome.ERROR);
    end(errorText);
  }

  /** The server ended the stream before the client did (the method returned, or the connection closed). */
  void cutShort() {
    report.finished(StreamOutcome.CANCELLED);
    end(null);
  }

  private void end(String errorText) {
    error = errorText;
    items.add(END);
  }

  /** The items as a blocking stream: it ends when the client completes the upload. */
  Stream<Object> asStream() {
    Spliterator<Object> spliterator =
        new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {
          private boolean ended;

          @Override
          public boolean tryAdvance(Consumer<? super Object> action) {
            if (ended) {
              return false;
            }
            Object item = take();
            if (item == END) {
              ended = true;
              if (error != null) {
                throw new HubException(error);
              }
              return false;
            }
            action.accept(item == NULL_ITEM ? null : item);
            return true;
          }
        };
    return StreamSupport.stream(spliterator, false);
  }

  private Object take() {
    Object item;
    try {
      item = items.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HubException("The upload stream was interrupted.");
    }
    Runnable waiting = onSpace;
    if (waiting != null) {
      onSpace = null;
      waiting.run();
    }
    return item;
  }
}
