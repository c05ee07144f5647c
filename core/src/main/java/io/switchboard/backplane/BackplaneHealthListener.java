package io.switchboard.backplane;

/**
 * Told when a {@link Backplane} becomes unhealthy (unreachable) or healthy again, and, by buses
 * that number their messages (the SQL backplanes), when messages were missed or came twice.
 */
@FunctionalInterface
public interface BackplaneHealthListener {

  /** The backplane's health changed to {@code healthy}. */
  void healthChanged(boolean healthy);

  /**
   * Messages {@code firstMissing} to {@code lastMissing} of {@code stream} never reached this
   * server (for example, removed by the bus's clean-up before this server read them).
   */
  default void messagesMissed(String stream, long firstMissing, long lastMissing) {}

  /**
   * The numbering of {@code stream} went back to {@code received} after this server had read up
   * to {@code lastRead} (a restored or recreated database): messages numbered up to {@code
   * lastRead} may come again.
   */
  default void messageRepeated(String stream, long lastRead, long received) {}
}
