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
  private static final boolean POSIX_SIGNALS = signalsAvailable();

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
   * {@link SwitchboardServer#drain(java.time.Duration)} first. On a JVM without {@code
   * sun.misc.Signal} (module {@code jdk.unsupported}) it returns when the JVM begins to shut down
   * instead (a shutdown hook, which then waits for the calling thread to end, so that what it
   * closes next is closed before the JVM exits).
   */
  public static void await() throws InterruptedException {
    CountDownLatch signalled = new CountDownLatch(1);
    if (POSIX_SIGNALS) {
      PosixSignals.onTermOrInt(signalled::countDown);
    } else {
      LOG.debug("sun.misc.Signal is absent; waiting for the JVM's shutdown instead");
      Thread caller = Thread.currentThread();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    signalled.countDown();
                    try {
                      caller.join();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  },
                  "switchboard-shutdown"));
    }
    signalled.await();
  }

  private static boolean signalsAvailable() {
    try {
      Class.forName("sun.misc.Signal", false, ShutdownSignals.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** The only user of {@code sun.misc.Signal}: loaded only when that class exists. */
  private static final class PosixSignals {
    static void onTermOrInt(Runnable handler) {
      Signal.handle(new Signal("TERM"), signal -> handler.run());
      Signal.handle(new Signal("INT"), signal -> handler.run());
    }
  }
}
