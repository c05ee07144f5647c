package io.switchboard.transport.netty;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Graceful shutdown on SIGTERM and SIGINT for a server's {@code main}: a container's stop, or
 * Ctrl-C, closes the server (every client gets a Close message) and then what it depends on.
 */
public final class ShutdownSignals {
  private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignals.class);

  private ShutdownSignals() {}

  /**
   * Blocks until SIGTERM or SIGINT, then closes {@code resources} in order (the server first) and
   * returns, so that {@code main} can end with exit code 0.
   */
  public static void awaitThenClose(AutoCloseable... resources) throws InterruptedException {
    await();
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("Closing {} on shutdown failed", resource, e);
      }
    }
  }

  /**
   * Blocks until SIGTERM or SIGINT, for a {@code main} that does more than close on a stop, e.g.
   * {@link SwitchboardServer#drain(java.time.Duration)} first.
   */
  public static void await() throws InterruptedException {
    CountDownLatch signalled = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), signal -> signalled.countDown());
    Signal.handle(new Signal("INT"), signal -> signalled.countDown());
    signalled.await();
  }
}
