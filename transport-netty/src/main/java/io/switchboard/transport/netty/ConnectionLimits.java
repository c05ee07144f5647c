package io.switchboard.transport.netty;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Kestrel's {@code MaxConcurrentConnections} and {@code MaxConcurrentUpgradedConnections} for the
 * channels of one {@link SwitchboardHttpHandler}. As in Kestrel, a connection that upgrades to a
 * WebSocket leaves the first count for the second. A slot is given back when its channel closes.
 */
final class ConnectionLimits {
  private static final AttributeKey<AtomicBoolean> CONNECTION_SLOT =
      AttributeKey.valueOf(ConnectionLimits.class, "connectionSlot");

  private final Slots connections;
  private final Slots upgraded;

  ConnectionLimits(NettyTransportOptions options) {
    connections = new Slots(options.maxConcurrentConnections());
    upgraded = new Slots(options.maxConcurrentUpgradedConnections());
  }

  /** Takes a connection slot for a new channel; false if the cap is reached. */
  boolean tryOpen(Channel channel) {
    if (!connections.tryAcquire()) {
      return false;
    }
    AtomicBoolean held = new AtomicBoolean(true);
    channel.attr(CONNECTION_SLOT).set(held);
    channel.closeFuture().addListener(closed -> giveBack(held));
    return true;
  }

  /**
   * Takes an upgraded slot for a channel about to become a WebSocket and gives its connection slot
   * back; false if the upgraded cap is reached.
   */
  boolean tryUpgrade(Channel channel) {
    if (!upgraded.tryAcquire()) {
      return false;
    }
    channel.closeFuture().addListener(closed -> upgraded.release());
    AtomicBoolean held = channel.attr(CONNECTION_SLOT).getAndSet(null);
    if (held != null) {
      giveBack(held);
    }
    return true;
  }

  private void giveBack(AtomicBoolean held) {
    if (held.compareAndSet(true, false)) {
      connections.release();
    }
  }

  /** A cap; 0 counts nothing and refuses nothing. */
  private static final class Slots {
    private final int max;
    private final AtomicInteger taken = new AtomicInteger();

    Slots(int max) {
      this.max = max;
    }

    boolean tryAcquire() {
      if (max == 0) {
        return true;
      }
      while (true) {
        int now = taken.get();
        if (now >= max) {
          return false;
        }
        if (taken.compareAndSet(now, now + 1)) {
          return true;
        }
      }
    }

    void release() {
      if (max != 0) {
        taken.decrementAndGet();
      }
    }
  }
}
