package io.switchboard.hub;

import java.util.concurrent.CompletableFuture;

/** Invokes a client method on one or more connections, without waiting for an answer. */
public interface ClientProxy {

  /**
   * Sends the invocation. The message is encoded once per hub protocol in use, whatever the number
   * of recipients.
   *
   * @param method the client handler's name
   * @param args the arguments
   * @return completes when the message was handed to every recipient's transport
   */
  CompletableFuture<Void> send(String method, Object... args);
}
