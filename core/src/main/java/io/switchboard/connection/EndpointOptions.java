package io.switchboard.connection;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Connection-layer options of one endpoint, with the reference server's defaults.
 *
 * @param transports enabled transports (default: all three)
 * @param allowStatefulReconnects whether negotiate may grant stateful reconnect (default false)
 * @param minimumProtocolVersion lowest negotiate version accepted (default 0)
 * @param disconnectTimeout lifetime of an inactive connection (default 15 s)
 * @param longPollTimeout how long a poll waits for data (default 90 s)
 * @param closeTimeout how long to wait for the client's WebSocket close frame (default 5 s)
 */
public record EndpointOptions(
    Set<TransportType> transports,
    boolean allowStatefulReconnects,
    int minimumProtocolVersion,
    Duration disconnectTimeout,
    Duration longPollTimeout,
    Duration closeTimeout) {

  public EndpointOptions {
    transports = Set.copyOf(transports);
  }

  /** The reference defaults. */
  public static EndpointOptions defaults() {
    return new EndpointOptions(
        EnumSet.allOf(TransportType.class),
        false,
        0,
        Duration.ofSeconds(15),
        Duration.ofSeconds(90),
        Duration.ofSeconds(5));
  }

  /** A copy with other transports. */
  public EndpointOptions withTransports(Set<TransportType> newTransports) {
    return new EndpointOptions(
        newTransports,
        allowStatefulReconnects,
        minimumProtocolVersion,
        disconnectTimeout,
        longPollTimeout,
        closeTimeout);
  }

  /** A copy that allows (or forbids) stateful reconnect. */
  public EndpointOptions withStatefulReconnects(boolean allow) {
    return new EndpointOptions(
        transports, allow, minimumProtocolVersion, disconnectTimeout, longPollTimeout, closeTimeout);
  }

  /** A copy with another long-poll timeout. */
  public EndpointOptions withLongPollTimeout(Duration timeout) {
    return new EndpointOptions(
        transports,
        allowStatefulReconnects,
        minimumProtocolVersion,
        disconnectTimeout,
        timeout,
        closeTimeout);
  }
}
