package io.switchboard.backplane.testkit;

import io.switchboard.backplane.Backplane;

/**
 * A backplane's server (a Redis, a database) that a test may stop and start again on the same
 * address; closing it ends whatever the test started for it.
 */
public interface StoppableServer extends AutoCloseable {

  /** A new backplane on this server, for one {@link TestNode}. */
  Backplane backplane() throws Exception;

  /** Stops the server and waits until it is down. */
  void stop() throws Exception;

  /** Starts the server again and waits until it accepts connections. */
  void start() throws Exception;
}
