package io.switchboard.spring.boot;

import io.switchboard.transport.netty.SwitchboardServer;

/**
 * Changes the auto-configured server's builder after the {@code switchboard.*} properties and the
 * hub beans were applied, e.g. to add a filter, a raw endpoint or transport limits. Every such
 * bean is called, in {@link org.springframework.core.annotation.Order} order.
 */
@FunctionalInterface
public interface SwitchboardServerCustomizer {

  /** Customizes the builder before the server starts. */
  void customize(SwitchboardServer.Builder builder);
}
