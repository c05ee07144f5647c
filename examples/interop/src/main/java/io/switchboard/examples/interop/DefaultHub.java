package io.switchboard.examples.interop;

import io.switchboard.hub.ClientProxy;
import io.switchboard.hub.Hub;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The hub of {@code /default}, where stateful reconnect is allowed. */
public class DefaultHub extends Hub {
  /** One thread, so that sends due at the same time go out in the order they were asked for. */
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "default-hub-timer");
            thread.setDaemon(true);
            return thread;
          });

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
    TIMER.schedule(() -> caller.send("Delayed", message), ms, TimeUnit.MILLISECONDS);
  }

  public void dropTransport() {
    context().dropTransport();
  }

  public void abort() {
    context().abort();
  }
}
