package io.switchboard.lifetime;

import io.switchboard.protocol.HubMessage;
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

  /** Encodes and writes a message meant for this connection only. */
  default void write(HubMessage message) {
    write(new SerializedHubMessage(message));
  }
}
