package io.switchboard.examples.interop;

import io.switchboard.auth.Authorize;
import io.switchboard.hub.Hub;
import java.util.concurrent.CompletableFuture;

/** The hub of {@code /authorizedhub}: every connection needs a valid token. */
@Authorize
public class AuthorizedHub extends Hub {

  public String echo(String message) {
    return message;
  }

  public String getUserIdentifier() {
    return context().userIdentifier();
  }

  public CompletableFuture<Void> sendToUser(String userId, String message) {
    return clients().user(userId).send("UserMessage", message);
  }
}
