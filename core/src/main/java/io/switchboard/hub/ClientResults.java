package io.switchboard.hub;

import io.switchboard.protocol.CompletionMessage;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client results a connection is waiting for, by invocation id. Ids are {@code s1},
 * {@code s2}, …: the {@code s} prefix keeps them apart from the stream ids clients choose.
 */
final class ClientResults {
  private record Pending(Class<?> type, CompletableFuture<Object> result) {}

  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong lastId = new AtomicLong();

  /** Registers a new awaited result; the returned id goes into the Invocation. */
  String register(Class<?> type, CompletableFuture<Object> result) {
    String id = "s" + lastId.incrementAndGet();
    pending.put(id, new Pending(type, result));
    // A caller that cancels (or times out) stops waiting; a late Completion is then ignored.
    result.whenComplete((value, error) -> pending.remove(id));
    return id;
  }

  /** The type to bind the result of {@code invocationId} to, or null when nobody waits for it. */
  Type typeOf(String invocationId) {
    Pending waiting = pending.get(invocationId);
    return waiting == null ? null : waiting.type();
  }

  /**
   * Completes the awaited result named by a client's Completion.
   *
   * @return false when nobody waits for that id
   */
  boolean complete(CompletionMessage completion) {
    Pending waiting = pending.remove(completion.invocationId());
    if (waiting == null) {
      return false;
    }
    if (completion.error() != null) {
      waiting.result().completeExceptionally(new HubException(completion.error()));
    } else {
      // A void completion counts as a null result: the Java MessagePack client sends null so.
      waiting.result().complete(completion.hasResult() ? completion.result() : null);
    }
    return true;
  }

  /** The connection ended: every waiting caller fails. */
  void failAll(String connectionId) {
    for (String id : pending.keySet()) {
      Pending waiting = pending.remove(id);
      if (waiting != null) {
        waiting
            .result()
            .completeExceptionally(new IOException("Connection '" + connectionId + "' disconnected."));
      }
    }
  }
}
