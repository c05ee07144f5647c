package io.switchboard.hub;

import java.util.concurrent.CompletableFuture;

/**
 * A proxy for one connection, which can also ask the client for a result ("client results"): the
 * client's handler for {@code method} returns a value, which completes the future.
 */
public interface SingleClientProxy extends ClientProxy {

  /**
   * Invokes a client method and waits for its result. The future fails with a
   * {@link HubException} carrying the client's error text when the client reports an error (or
   * has no handler), and with an {@link java.io.IOException} when the connection ends first.
   * Cancelling the future stops waiting; nothing is sent to the client. Use
   * {@link CompletableFuture#orTimeout} for a timeout.
   *
   * @param resultType the type the result is bound to
   * @param method the client handler's name
   * @param args the arguments
   * @param <T> the result type
   * @return the client's result
   */
  <T> CompletableFuture<T> invoke(Class<T> resultType, String method, Object... args);
}
