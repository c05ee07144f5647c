package io.switchboard.backplane;

import io.switchboard.connection.internal.LimitedWarnings;
import io.switchboard.events.SwitchboardEvents;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One hub's view of a {@link Backplane} that reports its traffic to {@link SwitchboardEvents}:
 * each publish when the bus acknowledged or refused it (with the time to the acknowledgement), each
 * message received. Whatever bus is behind it (Redis, SQL) reports the same way. A listener that
 * throws is logged and ignored.
 */
final class ObservedBackplane implements Backplane {
  private static final Logger LOG = LoggerFactory.getLogger(ObservedBackplane.class);
  private static final LimitedWarnings LISTENER_FAILURES =
      new LimitedWarnings(LOG, "SwitchboardEvents listeners failed");

  private final Backplane bus;
  private final String hub;
  private final SwitchboardEvents events;

  ObservedBackplane(Backplane bus, String hub, SwitchboardEvents events) {
    this.bus = bus;
    this.hub = hub;
    this.events = events;
  }

  @Override
  public CompletableFuture<Void> subscribe(String channel, Consumer<byte[]> handler) {
    return bus.subscribe(
        channel,
        message -> {
          try {
            events.backplaneReceived(hub, message.length);
          } catch (RuntimeException e) {
            LISTENER_FAILURES.warn("A SwitchboardEvents listener failed; ignored", e);
          }
          handler.accept(message);
        });
  }

  @Override
  public CompletableFuture<Void> unsubscribe(String channel) {
    return bus.unsubscribe(channel);
  }

  @Override
  public CompletableFuture<Long> publish(String channel, byte[] message) {
    long started = System.nanoTime();
    CompletableFuture<Long> published = bus.publish(channel, message);
    published.whenComplete(
        (receivers, error) -> {
          try {
            if (error == null) {
              events.backplanePublished(hub, message.length, System.nanoTime() - started);
            } else {
              events.backplanePublishFailed(hub, message.length, error);
            }
          } catch (RuntimeException e) {
            LISTENER_FAILURES.warn("A SwitchboardEvents listener failed; ignored", e);
          }
        });
    return published;
  }

  @Override
  public boolean isHealthy() {
    return bus.isHealthy();
  }

  @Override
  public void addHealthListener(BackplaneHealthListener listener) {
    bus.addHealthListener(listener);
  }

  @Override
  public void close() {
    bus.close();
  }
}
