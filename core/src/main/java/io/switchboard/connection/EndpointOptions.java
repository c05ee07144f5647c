package io.switchboard.connection;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Connection-layer options of one endpoint, with the reference server's defaults; built by
 * {@link #builder()} (or {@link #toBuilder()} from other options).
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

  /** Copies the transports and checks that every value is given. */
  public EndpointOptions {
    transports = Set.copyOf(transports);
    Objects.requireNonNull(disconnectTimeout, "disconnectTimeout");
    Objects.requireNonNull(longPollTimeout, "longPollTimeout");
    Objects.requireNonNull(closeTimeout, "closeTimeout");
  }

  /** The reference defaults. */
  public static EndpointOptions defaults() {
    return builder().build();
  }

  /** A builder starting from the {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds {@link EndpointOptions}; every value starts at its default. */
  public static final class Builder {
    private Set<TransportType> transports = EnumSet.allOf(TransportType.class);
    private boolean allowStatefulReconnects;
    private int minimumProtocolVersion;
    private Duration disconnectTimeout = Duration.ofSeconds(15);
    private Duration longPollTimeout = Duration.ofSeconds(90);
    private Duration closeTimeout = Duration.ofSeconds(5);

    private Builder() {}

    private Builder(EndpointOptions from) {
      transports = from.transports;
      allowStatefulReconnects = from.allowStatefulReconnects;
      minimumProtocolVersion = from.minimumProtocolVersion;
      disconnectTimeout = from.disconnectTimeout;
      longPollTimeout = from.longPollTimeout;
      closeTimeout = from.closeTimeout;
    }

    /** See {@link EndpointOptions#transports()}. */
    public Builder transports(Set<TransportType> value) {
      transports = Set.copyOf(value);
      return this;
    }

    /** See {@link EndpointOptions#allowStatefulReconnects()}. */
    public Builder allowStatefulReconnects(boolean value) {
      allowStatefulReconnects = value;
      return this;
    }

    /** See {@link EndpointOptions#minimumProtocolVersion()}. */
    public Builder minimumProtocolVersion(int value) {
      minimumProtocolVersion = value;
      return this;
    }

    /** See {@link EndpointOptions#disconnectTimeout()}. */
    public Builder disconnectTimeout(Duration value) {
      disconnectTimeout = value;
      return this;
    }

    /** See {@link EndpointOptions#longPollTimeout()}. */
    public Builder longPollTimeout(Duration value) {
      longPollTimeout = value;
      return this;
    }

    /** See {@link EndpointOptions#closeTimeout()}. */
    public Builder closeTimeout(Duration value) {
      closeTimeout = value;
      return this;
    }

    /** The options. */
    public EndpointOptions build() {
      return new EndpointOptions(
          transports,
          allowStatefulReconnects,
          minimumProtocolVersion,
          disconnectTimeout,
          longPollTimeout,
          closeTimeout);
    }
  }
}
