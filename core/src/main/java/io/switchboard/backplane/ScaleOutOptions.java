package io.switchboard.backplane;

import io.switchboard.events.SwitchboardEvents;
import io.switchboard.protocol.HubProtocol;
import io.switchboard.protocol.json.JsonHubProtocol;
import io.switchboard.protocol.msgpack.MessagePackHubProtocol;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Options of one hub's {@link ScaleOutHubLifetimeManager}: the hub's backplane name, the
 * protocols every published message is encoded in, and how long a server waits for another to
 * acknowledge a group change. Immutable; made by {@link #builder(String)} or {@link
 * #builder(Class)} (or {@link #toBuilder()}), or with every default by {@link #forHub(String)}.
 */
public final class ScaleOutOptions {
  private final String hubName;
  private final List<HubProtocol> protocols;
  private final Duration groupAckTimeout;
  private final String serverName;
  private final BackplaneTracer tracer;
  private final SwitchboardEvents events;

  private ScaleOutOptions(Builder builder) {
    hubName = builder.hubName;
    protocols = builder.protocols;
    groupAckTimeout = builder.groupAckTimeout;
    serverName = builder.serverName != null ? builder.serverName : BackplaneIds.newServerName();
    tracer = builder.tracer;
    events = builder.events;
  }

  /** The defaults for the hub of this backplane name (see {@link BackplaneName}). */
  public static ScaleOutOptions forHub(String hubName) {
    return builder(hubName).build();
  }

  /** The defaults for a hub class: its {@link BackplaneName}, else its fully qualified name. */
  public static ScaleOutOptions forHub(Class<?> hubClass) {
    return builder(hubClass).build();
  }

  /** A builder for the hub of this backplane name (see {@link BackplaneName}). */
  public static Builder builder(String hubName) {
    return new Builder(Objects.requireNonNull(hubName, "hubName"));
  }

  /** A builder for a hub class: its {@link BackplaneName}, else its fully qualified name. */
  public static Builder builder(Class<?> hubClass) {
    BackplaneName name = hubClass.getAnnotation(BackplaneName.class);
    return builder(name != null ? name.value() : hubClass.getName());
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return new Builder(hubName)
        .protocols(protocols)
        .groupAckTimeout(groupAckTimeout)
        .serverName(serverName)
        .tracer(tracer)
        .events(events);
  }

  /** The hub's name on the backplane: the prefix of its channels. */
  public String hubName() {
    return hubName;
  }

  /**
   * The protocols published messages are encoded in (default JSON and MessagePack). Every server
   * of the hub must find its clients' protocols here, .NET servers included.
   */
  public List<HubProtocol> protocols() {
    return protocols;
  }

  /** How long adding or removing another server's connection waits for its ack (default 30 s). */
  public Duration groupAckTimeout() {
    return groupAckTimeout;
  }

  /** This server's name on the backplane (default {@code {host}_{random hex}}). */
  public String serverName() {
    return serverName;
  }

  /** What carries traces across the bus (default {@link BackplaneTracer#NONE}: nothing). */
  public BackplaneTracer tracer() {
    return tracer;
  }

  /**
   * Where the hub's backplane traffic is reported: publishes, their failures and receipts (default
   * {@link SwitchboardEvents#NONE}; a server sets its own listener).
   */
  public SwitchboardEvents events() {
    return events;
  }

  /** Builds {@link ScaleOutOptions}; every value but the hub name starts at its default. */
  public static final class Builder {
    private final String hubName;
    private List<HubProtocol> protocols = List.of(new JsonHubProtocol(), new MessagePackHubProtocol());
    private Duration groupAckTimeout = Duration.ofSeconds(30);
    private String serverName;
    private BackplaneTracer tracer = BackplaneTracer.NONE;
    private SwitchboardEvents events = SwitchboardEvents.NONE;

    private Builder(String hubName) {
      this.hubName = hubName;
    }

    /** Sets the published protocols; usually the hub's own, {@code HubOptions.protocols()}. */
    public Builder protocols(List<HubProtocol> value) {
      protocols = List.copyOf(value);
      return this;
    }

    /** Sets the group ack timeout. */
    public Builder groupAckTimeout(Duration value) {
      groupAckTimeout = Objects.requireNonNull(value);
      return this;
    }

    /** Sets this server's name; it must be unique among the hub's servers and never reused. */
    public Builder serverName(String value) {
      serverName = Objects.requireNonNull(value);
      return this;
    }

    /** Carries traces across the bus; usually the hub's own, {@code HubOptions.tracer()}. */
    public Builder tracer(BackplaneTracer value) {
      tracer = Objects.requireNonNull(value);
      return this;
    }

    /** Sets where the hub's backplane traffic is reported. */
    public Builder events(SwitchboardEvents value) {
      events = Objects.requireNonNull(value);
      return this;
    }

    /**
     * The options; a server name not given is drawn for them.
     *
     * @throws IllegalArgumentException if no protocol is given
     */
    public ScaleOutOptions build() {
      if (protocols.isEmpty()) {
        throw new IllegalArgumentException("At least one protocol is needed");
      }
      return new ScaleOutOptions(this);
    }
  }
}
