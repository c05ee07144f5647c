package io.switchboard.bench.server;

import io.switchboard.hub.Hub;

/**
 * The hub under load: {@code Echo} for S1 and S6 (the aspnet {@code echo} scenario) and {@code
 * Broadcast} for S2 and S3 (the aspnet {@code broadcast} and {@code echoAll} scenarios), which
 * sends {@code send(payload)} to every connection.
 */
public class BenchHub extends Hub {

  /** Returns its argument: the client receives it in the completion. */
  public String echo(String payload) {
    return payload;
  }

  /** Sends {@code payload} to every connection of the hub, the caller included. */
  public void broadcast(String payload) {
    clients().all().send("send", payload);
  }
}
