package io.switchboard.hub;

import io.switchboard.protocol.CompletionMessage;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client results a connection is waiting for, by invocation id. Ids are {@code s1},
 * {@code s2}, …: the {@code s} prefix keeps them apart from the stream ids clients choose. Results
 * that another server waits for (through a backplane) use that server's ids and are handed back
 * as the client's Completion.
 *
 * <p>The receive loop settles these results, but whoever waits may chain application code to
 * them: they are completed on the hub executor, never on the receive loop's thread.
 */
final class ClientResults {
  /** The error text another server's caller gets when the connection ends first (as .NET's). */
  static final String DISCONNECTED = "Connection disconnected.";

  private record Pending(Class<?> type, CompletableFuture<Object> result) {}

  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<CompletionMessage>> forwarded =
      new ConcurrentHashMap<>();
  private final AtomicLong lastId = new AtomicLong();
  private final Executor callbacks;

  /** @param callbacks where the results are completed (the hub executor) */
  ClientResults(Executor callbacks) {
    this.callbacks = callbacks;
  }

  /** Registers a new awaited result; the returned id goes into the Invocation. */
  String register(Class<?> type, CompletableFuture<Object> result) {
    String id = "s" + lastId.incrementAndGet();
    pending.put(id, new Pending(type, result));
    // A caller that cancels (or times out) stops waiting; a late Completion is then ignored.
    result.whenComplete((value, error) -> pending.remove(id));
    return id;
  }

  /** Registers a result another server waits for, under that server's invocation id. */
  CompletableFuture<CompletionMessage> registerForwarded(String invocationId) {
    CompletableFuture<CompletionMessage> completion = new CompletableFuture<>();
    forwarded.put(invocationId, completion);
    completion.whenComplete((value, error) -> forwarded.remove(invocationId, completion));
    return completion;
  }

  /** The type to bind the result of {@code invocationId} to, or null when nobody waits for it. */
  Type typeOf(String invocationId) {
    if (forwarded.containsKey(invocationId)) {
      return Object.class; // re-encoded as it came for the other server, which binds it
    }
    Pending waiting = pending.get(invocationId);
    return waiting == null ? null : waiting.type();
  }

  /**
   * Completes the awaited result named by a client's Completion.
   *
   * @return false when nobody waits for that id
   */
  boolean complete(CompletionMessage completion) {
    CompletableFuture<CompletionMessage> elsewhere = forwarded.remove(completion.invocationId());
    if (elsewhere != null) {
      callbacks.execute(() -> elsewhere.complete(completion));
      return true;
    }
    Pending waiting = pending.remove(completion.invocationId());
    if (waiting == null) {
      return false;
    }
    CompletableFuture<Object> result = waiting.result();
    if (completion.error() != null) {
      callbacks.execute(() -> result.completeExceptionally(new HubException(completion.error())));
    } else {
      // A void completion counts as a null result: the Java MessagePack client sends null so.
      Object value = completion.hasResult() ? completion.result() : null;
      callbacks.execute(() -> result.complete(value));
    }
    return true;
  }

  /** The connection ended: every waiting caller fails. */
  void failAll(String connectionId) {
    for (String id : forwarded.keySet()) {
      CompletableFuture<CompletionMessage> elsewhere = forwarded.remove(id);
      if (elsewhere != null) {
        callbacks.execute(() -> elsewhere.complete(CompletionMessage.withError(id, DISCONNECTED)));
      }
    }
    for (String id : pending.keySet()) {
      Pending waiting = pending.remove(id);
      if (waiting != null) {
        IOException gone = new IOException("Connection '" + connectionId + "' disconnected.");
        callbacks.execute(() -> waiting.result().completeExceptionally(gone));
      }
    }
  }
}
