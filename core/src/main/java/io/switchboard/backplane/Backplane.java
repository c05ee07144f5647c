package io.switchboard.backplane;

import io.switchboard.hub.Hub;
import io.switchboard.hub.HubOptions;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A publish/subscribe bus between servers: the transport of scale-out. It moves opaque bytes on
 * named channels; {@link ScaleOutHubLifetimeManager} gives them their meaning. One instance is one
 * server's connection to the bus and may serve every hub of the server.
 *
 * <p>Contract for implementations:
 *
 * <ul>
 *   <li>Messages of one channel reach its handler in the order the bus delivered them, one at a
 *       time, never on the bus's I/O thread. Different channels have no order between them.
 *   <li>Subscriptions outlive outages: while the bus is unreachable they are kept, and restored by
 *       the implementation when it is back, without any call from the caller.
 *   <li>Delivery is at most once: what is published while a server is cut off from the bus is lost
 *       for that server.
 *   <li>While the bus is unreachable, calls fail fast with {@link BackplaneUnavailableException},
 *       which means the message was certainly not published.
 * </ul>
 */
public interface Backplane extends AutoCloseable {

  /**
   * Subscribes to a channel, replacing any earlier handler of it. The subscription is kept (and
   * restored after outages) until {@link #unsubscribe}, even when the returned future fails.
   *
   * @return completes once messages of the channel are delivered
   */
  CompletableFuture<Void> subscribe(String channel, Consumer<byte[]> handler);

  /** Ends a subscription; the future completes once no more messages of the channel arrive. */
  CompletableFuture<Void> unsubscribe(String channel);

  /**
   * Publishes one message.
   *
   * @return the number of servers subscribed to the channel that received it, or -1 when the bus
   *     cannot tell
   */
  CompletableFuture<Long> publish(String channel, byte[] message);

  /** Whether the bus is reachable and every subscription is in place. */
  boolean isHealthy();

  /** Calls {@code listener} on each change of {@link #isHealthy()}. */
  void addHealthListener(BackplaneHealthListener listener);

  /** Disconnects from the bus; the subscriptions end. */
  @Override
  void close();

  /**
   * A lifetime manager for a hub on this bus, named by {@link BackplaneName} or else by the hub
   * class's fully qualified name, publishing in every protocol of {@code options} and carrying
   * traces with its tracer.
   */
  default ScaleOutHubLifetimeManager lifetimeManager(Class<? extends Hub> hubClass, HubOptions options) {
    return new ScaleOutHubLifetimeManager(
        this,
        ScaleOutOptions.builder(hubClass)
            .protocols(options.protocols())
            .tracer(options.tracer())
            .events(options.backplaneEvents())
            .build());
  }

  /**
   * A lifetime manager for a hub on this bus under an explicit backplane name (for a hub shared
   * with ASP.NET Core servers: the .NET hub type's full name), publishing in every protocol of
   * {@code options} and carrying traces with its tracer.
   */
  default ScaleOutHubLifetimeManager lifetimeManager(String hubName, HubOptions options) {
    return new ScaleOutHubLifetimeManager(
        this,
        ScaleOutOptions.builder(hubName)
            .protocols(options.protocols())
            .tracer(options.tracer())
            .events(options.backplaneEvents())
            .build());
  }
}
