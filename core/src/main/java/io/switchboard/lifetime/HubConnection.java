package io.switchboard.lifetime;

import io.switchboard.protocol.CompletionMessage;
import io.switchboard.protocol.HubMessage;
import io.switchboard.protocol.HubProtocol;
import java.util.concurrent.CompletableFuture;

/** A hub connection hosted by this server, as lifetime managers see it. */
public interface HubConnection {

  /** The public connection id. */
  String connectionId();

  /** The user id, or null. */
  String userIdentifier();

  /**
   * Writes a message to the client in the connection's protocol (the encoding is shared with
   * every other recipient of the same {@link SerializedHubMessage}).
   */
  void write(SerializedHubMessage message);

  /**
   * Invokes a client method that returns a result, and completes with it.
   *
   * @param resultType the type the result is bound to
   */
  <T> CompletableFuture<T> invoke(String method, Object[] args, Class<T> resultType);

  /** The hub protocol the client chose, or null until the handshake is answered. */
  HubProtocol protocol();

  /**
   * Expects the client's Completion of an invocation that another server sends this client
   * through a backplane (client results across servers), before that invocation is written with
   * {@link #write(SerializedHubMessage)}. The result is bound as a plain {@code Object}, to be
   * re-encoded for the server that waits for it.
   *
   * @param invocationId the other server's invocation id
   * @return the client's Completion; an error Completion "Connection disconnected." when the
   *     connection ends first
   */
  CompletableFuture<CompletionMessage> expectCompletion(String invocationId);

  /** Encodes and writes a message meant for this connection only. */
  default void write(HubMessage message) {
    write(new SerializedHubMessage(message));
  }
}
