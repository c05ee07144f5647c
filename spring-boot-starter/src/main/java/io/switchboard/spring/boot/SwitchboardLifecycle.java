package io.switchboard.spring.boot;

import io.switchboard.transport.netty.SwitchboardServer;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the auto-configured {@link SwitchboardServer} in Spring's lifecycle: it starts once the
 * context is refreshed, and stops gracefully when the context closes: it reports draining (health
 * {@code 503 Draining}, actuator {@code OUT_OF_SERVICE}) for {@code switchboard.drain-delay} while
 * it still serves, then closes every connection (the clients get a Close that allows
 * reconnecting), waiting for them for what is left of {@code
 * spring.lifecycle.timeout-per-shutdown-phase}.
 *
 * <p>Its phase is just above that of Spring Boot's web server graceful shutdown: the server starts
 * after Spring's web server and stops before it, so that the actuator's health endpoint still
 * answers {@code OUT_OF_SERVICE} while Switchboard drains; plain {@code Lifecycle} beans (phase 0)
 * start before it and stop after it, so hubs can use them until the last connection is gone.
 */
public final class SwitchboardLifecycle implements SmartLifecycle {
  /** One above the phase of Spring Boot's web server graceful shutdown (DEFAULT_PHASE - 1024). */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1023;

  private static final Logger LOG = LoggerFactory.getLogger(SwitchboardLifecycle.class);

  private final SwitchboardServer.Builder builder;
  private final Duration drainDelay;
  private final Duration connectionsTimeout;
  private volatile SwitchboardServer server;

  /**
   * A lifecycle that starts {@code builder}'s server.
   *
   * @param drainDelay how long the server drains before it closes the connections
   * @param phaseTimeout Spring's timeout per shutdown phase, which the drain delay and the wait for
   *     the connections share
   * @throws IllegalArgumentException if the drain delay is not shorter than the phase timeout
   */
  public SwitchboardLifecycle(
      SwitchboardServer.Builder builder, Duration drainDelay, Duration phaseTimeout) {
    this.builder = Objects.requireNonNull(builder);
    this.drainDelay = Objects.requireNonNull(drainDelay);
    if (drainDelay.isNegative() || drainDelay.compareTo(phaseTimeout) >= 0) {
      throw new IllegalArgumentException(
          "switchboard.drain-delay ("
              + drainDelay
              + ") must be shorter than spring.lifecycle.timeout-per-shutdown-phase ("
              + phaseTimeout
              + ")");
    }
    this.connectionsTimeout = phaseTimeout.minus(drainDelay);
  }

  /**
   * The running server, e.g. for {@code server().hubContext(ChatHub.class)} to send from outside a
   * hub.
   *
   * @throws IllegalStateException if it is not running
   */
  public SwitchboardServer server() {
    SwitchboardServer running = server;
    if (running == null) {
      throw new IllegalStateException("The Switchboard server is not running");
    }
    return running;
  }

  /** The running server, or null. */
  SwitchboardServer runningServer() {
    return server;
  }

  @Override
  public void start() {
    server = builder.start();
    LOG.info("Switchboard listening on port {}", server.port());
  }

  @Override
  public void stop() {
    SwitchboardServer running = server;
    if (running == null) {
      return;
    }
    running.startDraining();
    try {
      Thread.sleep(drainDelay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    running.stop(connectionsTimeout);
    server = null;
  }

  /** Stops on a thread of its own, so that the other beans of the phase stop meanwhile. */
  @Override
  public void stop(Runnable callback) {
    Thread stopping =
        new Thread(
            () -> {
              try {
                stop();
              } finally {
                callback.run();
              }
            },
            "switchboard-stop");
    stopping.start();
  }

  @Override
  public boolean isRunning() {
    return server != null;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
