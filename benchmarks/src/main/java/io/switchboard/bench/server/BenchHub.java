package io.switchboard.bench.server;

import io.switchboard.hub.Hub;
import io.switchboard.hub.NonBlocking;
import java.util.concurrent.atomic.LongAdder;

/**
 * The hub under load: {@code Echo} for S1 and S6 (the aspnet {@code echo} scenario) and {@code
 * Broadcast} for S2 and S3 (the aspnet {@code broadcast} and {@code echoAll} scenarios), which
 * sends {@code send(payload)} to every connection. Counts the connections that end with an error,
 * such as slow clients the transport cut off (S10).
 */
public class BenchHub extends Hub {
  private static final LongAdder ENDED_WITH_ERROR = new LongAdder();
  // By the transport's reason (its IOException's message): over maxPendingWriteBytes, or
  // unwritable for longer than sendTimeout.
  private static final LongAdder OUTBOUND_LIMIT = new LongAdder();
  private static final LongAdder SEND_TIMEOUT = new LongAdder();

  /**
   * Returns its argument: the client receives it in the completion. It never blocks, so it runs
   * on the receive loop that read its invocation.
   */
  @NonBlocking
  public String echo(String payload) {
    return payload;
  }

  /** Sends {@code payload} to every connection of the hub, the caller included. */
  public void broadcast(String payload) {
    clients().all().send("send", payload);
  }

  @Override
  public void onDisconnected(Throwable error) {
    if (error != null) {
      ENDED_WITH_ERROR.increment();
      String message = String.valueOf(error.getMessage());
      if (message.contains("Outbound limit")) {
        OUTBOUND_LIMIT.increment();
      } else if (message.contains("read too little")) {
        SEND_TIMEOUT.increment();
      }
    }
  }

  /**
   * The server's own command: {@code dropped} prints {@code DROPPED <connections ended with an
   * error> outbound_limit=<n> send_timeout=<n>}.
   */
  static boolean command(String line) {
    if (!"dropped".equals(line)) {
      return false;
    }
    System.out.println(
        "DROPPED " + ENDED_WITH_ERROR.sum() + " outbound_limit=" + OUTBOUND_LIMIT.sum() + " send_timeout=" + SEND_TIMEOUT.sum());
    return true;
  }
}
