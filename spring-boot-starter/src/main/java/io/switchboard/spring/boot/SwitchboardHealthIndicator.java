package io.switchboard.spring.boot;

import io.switchboard.transport.netty.SwitchboardServer;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The server's {@link SwitchboardServer#health()} as an actuator health: {@code UP} while it serves
 * and its backplane (if any) works, {@code DOWN} while the backplane is down or the server is not
 * running, {@code OUT_OF_SERVICE} while it drains before it stops.
 */
public final class SwitchboardHealthIndicator implements HealthIndicator {
  private final SwitchboardLifecycle lifecycle;

  /** An indicator of the server that {@code lifecycle} runs. */
  public SwitchboardHealthIndicator(SwitchboardLifecycle lifecycle) {
    this.lifecycle = Objects.requireNonNull(lifecycle);
  }

  @Override
  public Health health() {
    SwitchboardServer server = lifecycle.runningServer();
    if (server == null) {
      return Health.down().withDetail("server", "not running").build();
    }
    Health.Builder health =
        switch (server.health()) {
          case HEALTHY -> Health.up();
          case UNHEALTHY -> Health.down().withDetail("backplane", "unavailable");
          case DRAINING -> Health.outOfService();
        };
    return health.withDetail("port", server.port()).build();
  }
}
