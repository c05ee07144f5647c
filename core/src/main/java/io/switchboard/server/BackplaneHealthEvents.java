package io.switchboard.server;

import io.switchboard.backplane.BackplaneHealthListener;
import io.switchboard.events.SwitchboardEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reports a backplane's health changes and missed messages to the server's events listener. */
final class BackplaneHealthEvents implements BackplaneHealthListener {
  private static final Logger LOG = LoggerFactory.getLogger(BackplaneHealthEvents.class);

  private final SwitchboardEvents events;

  BackplaneHealthEvents(SwitchboardEvents events) {
    this.events = events;
  }

  @Override
  public void healthChanged(boolean healthy) {
    try {
      events.backplaneHealthChanged(healthy);
    } catch (RuntimeException e) {
      LOG.warn("A SwitchboardEvents listener failed; ignored", e);
    }
  }

  @Override
  public void messagesMissed(String stream, long firstMissing, long lastMissing) {
    try {
      events.backplaneMessagesMissed(stream, lastMissing - firstMissing + 1);
    } catch (RuntimeException e) {
      LOG.warn("A SwitchboardEvents listener failed; ignored", e);
    }
  }
}
