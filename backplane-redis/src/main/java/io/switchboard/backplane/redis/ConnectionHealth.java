package io.switchboard.backplane.redis;

import io.switchboard.backplane.BackplaneHealthListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis backplane's health: both connections up and every subscription in place. An outage
 * is logged once when it starts (not once per failed send) and its end once; listeners hear of
 * every change.
 */
final class ConnectionHealth {
  private static final Logger log = LoggerFactory.getLogger(RedisBackplane.class);

  private final String address;
  private final List<BackplaneHealthListener> listeners = new CopyOnWriteArrayList<>();
  private boolean publisherUp;
  private boolean subscriberUp;
  private boolean subscribed;
  private boolean healthy;
  private boolean outageLogged;

  ConnectionHealth(String address) {
    this.address = address;
  }

  void addListener(BackplaneHealthListener listener) {
    listeners.add(listener);
  }

  synchronized boolean isHealthy() {
    return healthy;
  }

  synchronized boolean publisherUp() {
    return publisherUp;
  }

  synchronized boolean subscriberUp() {
    return subscriberUp;
  }

  synchronized void publisherUp(boolean up) {
    publisherUp = up;
    changed(up ? null : "lost its connection to");
  }

  /** The subscriber connection went down, or came up without its subscriptions yet. */
  synchronized void subscriberUp(boolean up) {
    subscriberUp = up;
    subscribed = false;
    changed(up ? null : "lost its connection to");
  }

  /** Every subscription is in place. */
  synchronized void subscribed() {
    subscribed = subscriberUp;
    changed(null);
  }

  /** Connecting failed. */
  synchronized void connectFailed(Throwable cause) {
    publisherUp = false;
    subscriberUp = false;
    changed("cannot connect (" + cause + ") to");
  }

  /** Re-evaluates after a change; {@code outage} describes a failure, null for other changes. */
  private void changed(String outage) {
    boolean now = publisherUp && subscriberUp && subscribed;
    if (now && !healthy) {
      outageLogged = false;
      log.info("Redis backplane connected to {}", address);
    } else if (!now && outage != null && !outageLogged) {
      outageLogged = true;
      log.warn(
          "Redis backplane {} {}: messages between servers are lost until it is back; retrying",
          outage,
          address);
    }
    if (now != healthy) {
      healthy = now;
      listeners.forEach(listener -> listener.healthChanged(now));
    }
  }
}
