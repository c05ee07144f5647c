package io.switchboard.hub;

import io.switchboard.connection.Connection;
import io.switchboard.connection.ConnectionHandler;
import io.switchboard.connection.ConnectionListener;
import io.switchboard.connection.EndpointOptions;

/**
 * A hub served on connections: the hub layer's {@link ConnectionHandler}. Transports mount it on a
 * path; {@link #hubContext()} sends to its clients from anywhere.
 *
 * @param <T> the hub type
 */
public final class HubEndpoint<T extends Hub> implements ConnectionHandler {
  private final Class<T> hubClass;
  private final HubOptions options;

  private HubEndpoint(Class<T> hubClass, HubFactory<T> factory, HubOptions options) {
    this.hubClass = hubClass;
    this.options = options;
  }

  /** A hub created with its no-argument constructor. */
  public static <T extends Hub> HubEndpoint<T> create(Class<T> hubClass, HubOptions options) {
    return create(hubClass, () -> hubClass.getDeclaredConstructor().newInstance(), options);
  }

  /** A hub created by a factory. */
  public static <T extends Hub> HubEndpoint<T> create(
      Class<T> hubClass, HubFactory<T> factory, HubOptions options) {
    return new HubEndpoint<>(hubClass, factory, options);
  }

  /** The hub class. */
  public Class<T> hubClass() {
    return hubClass;
  }

  /** The connection-layer options (transports, stateful reconnect). */
  public EndpointOptions endpointOptions() {
    return options.endpoint();
  }

  /** Sends to this hub's clients from outside any hub method. */
  public HubContext hubContext() {
    throw new UnsupportedOperationException("being written");
  }

  @Override
  public ConnectionListener onConnected(Connection connection) {
    throw new UnsupportedOperationException("being written");
  }

  /** Closes every connection (each gets a Close message) and stops the hub's timers. */
  public void shutdown() {}
}
