package io.switchboard.backplane;

import io.switchboard.hub.HubException;
import io.switchboard.protocol.CompletionMessage;
import io.switchboard.protocol.HubMessage;
import io.switchboard.protocol.HubProtocol;
import io.switchboard.protocol.InvalidDataException;
import io.switchboard.protocol.InvocationBinder;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client results this server asked of connections hosted elsewhere, by invocation id, completed by
 * the Completions that arrive on this server's return channel (backplanes.md §1.8). The result is
 * bound to the awaited type while parsing, as for a local connection.
 */
final class PendingResults implements InvocationBinder {
  private static final Logger log = LoggerFactory.getLogger(PendingResults.class);
  /** The owner's error text when the connection ended first (see {@code HubConnection}). */
  private static final String DISCONNECTED = "Connection disconnected.";

  private record Pending(Class<?> type, CompletableFuture<Object> result) {}

  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final List<HubProtocol> protocols;

  PendingResults(List<HubProtocol> protocols) {
    this.protocols = protocols;
  }

  /** Registers an awaited result; the caller cancelling or timing out stops the wait. */
  @SuppressWarnings("unchecked")
  <T> CompletableFuture<T> register(String invocationId, Class<T> type) {
    CompletableFuture<Object> result = new CompletableFuture<>();
    Pending entry = new Pending(type, result);
    pending.put(invocationId, entry);
    result.whenComplete((value, error) -> pending.remove(invocationId, entry));
    return (CompletableFuture<T>) result;
  }

  /** A Completion arrived from the server hosting the connection. */
  void complete(RemoteCompletion remote) {
    HubProtocol protocol = find(remote.protocolName());
    if (protocol == null) {
      log.warn(
          "Dropped a client result encoded in protocol '{}', which this hub does not have: "
              + "the hub's servers are configured with different protocols",
          remote.protocolName());
      return;
    }
    HubMessage message;
    try {
      message = protocol.parseMessage(ByteBuffer.wrap(remote.completion()), this);
    } catch (InvalidDataException e) {
      log.warn("Dropped a malformed client result: {}", e.getMessage());
      return;
    }
    if (!(message instanceof CompletionMessage completion)) {
      log.warn("Dropped a client result that is not a Completion: {}", message);
      return;
    }
    Pending entry = pending.remove(completion.invocationId());
    if (entry == null) {
      return; // the caller stopped waiting
    }
    if (DISCONNECTED.equals(completion.error())) {
      entry.result().completeExceptionally(new IOException(DISCONNECTED));
    } else if (completion.error() != null) {
      entry.result().completeExceptionally(new HubException(completion.error()));
    } else {
      entry.result().complete(completion.hasResult() ? completion.result() : null);
    }
  }

  /** Fails one waiting call. */
  void fail(String invocationId, Throwable error) {
    Pending entry = pending.remove(invocationId);
    if (entry != null) {
      entry.result().completeExceptionally(error);
    }
  }

  /** Fails every waiting call (the manager is closing). */
  void cancelAll() {
    for (String id : pending.keySet()) {
      fail(id, new CancellationException("The lifetime manager was closed."));
    }
  }

  private HubProtocol find(String name) {
    for (HubProtocol protocol : protocols) {
      if (protocol.name().equals(name)) {
        return protocol;
      }
    }
    return null;
  }

  @Override
  public Type returnType(String invocationId) {
    Pending entry = pending.get(invocationId);
    return entry == null ? null : entry.type();
  }

  @Override
  public List<Type> parameterTypes(String target) {
    throw new IllegalStateException("A return channel carries Completions only");
  }

  @Override
  public Type streamItemType(String streamId) {
    throw new IllegalStateException("A return channel carries Completions only");
  }
}
