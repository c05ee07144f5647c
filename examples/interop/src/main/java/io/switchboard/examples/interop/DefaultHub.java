package io.switchboard.examples.interop;

import io.switchboard.hub.ClientProxy;
import io.switchboard.hub.Hub;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The hub of {@code /default}, where stateful reconnect is allowed. */
public class DefaultHub extends Hub {

  public String echo(String message) {
    return message;
  }

  public String getCallerConnectionId() {
    return context().connectionId();
  }

  /** Yields each item of the client's stream as it arrives. */
  public Stream<String> streamEcho(Stream<String> source) {
    return source;
  }

  public void sendAfterDelay(int ms, String message) {
    ClientProxy caller = clients().client(context().connectionId());
    CompletableFuture.delayedExecutor(ms, TimeUnit.MILLISECONDS)
        .execute(() -> caller.send("Delayed", message));
  }

  public void dropTransport() {
    context().dropTransport();
  }

  public void abort() {
    context().abort();
  }
}
