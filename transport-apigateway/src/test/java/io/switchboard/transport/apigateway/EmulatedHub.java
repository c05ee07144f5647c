package io.switchboard.transport.apigateway;

import io.switchboard.auth.Authorize;
import io.switchboard.hub.Hub;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** The hub the official client calls through the emulated API Gateway. */
@Authorize
public class EmulatedHub extends Hub {

  public String echo(String message) {
    return message;
  }

  public String whoAmI() {
    return context().user().nameIdentifier();
  }

  public CompletableFuture<Void> sendToCaller(String message) {
    return clients().caller().send("Receive", message);
  }

  public CompletableFuture<Void> join(String group) {
    return groups().add(context().connectionId(), group);
  }

  public CompletableFuture<Void> sendToGroup(String group, String message) {
    return clients().group(group).send("Receive", message);
  }

  /** A text of {@code length} characters: over 32 KB it needs several frames, over 128 KB it cannot go. */
  public String big(int length) {
    return "x".repeat(length);
  }

  public Stream<Integer> count(int to) {
    return IntStream.range(0, to).boxed();
  }
}
