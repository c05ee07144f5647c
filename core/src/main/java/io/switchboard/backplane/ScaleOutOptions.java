package io.switchboard.backplane;

import io.switchboard.protocol.HubProtocol;
import io.switchboard.protocol.json.JsonHubProtocol;
import io.switchboard.protocol.msgpack.MessagePackHubProtocol;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Options of one hub's {@link ScaleOutHubLifetimeManager}: the hub's backplane name, the
 * protocols every published message is encoded in, and how long a server waits for another to
 * acknowledge a group change.
 */
public final class ScaleOutOptions {
  private final String hubName;
  private List<HubProtocol> protocols = List.of(new JsonHubProtocol(), new MessagePackHubProtocol());
  private Duration groupAckTimeout = Duration.ofSeconds(30);
  private String serverName = BackplaneIds.newServerName();

  private ScaleOutOptions(String hubName) {
    this.hubName = Objects.requireNonNull(hubName, "hubName");
  }

  /** Options for the hub of this backplane name (see {@link BackplaneName}). */
  public static ScaleOutOptions forHub(String hubName) {
    return new ScaleOutOptions(hubName);
  }

  /** Options for a hub class: its {@link BackplaneName}, else its fully qualified name. */
  public static ScaleOutOptions forHub(Class<?> hubClass) {
    BackplaneName name = hubClass.getAnnotation(BackplaneName.class);
    return new ScaleOutOptions(name != null ? name.value() : hubClass.getName());
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

  /** Sets the published protocols; usually the hub's own, {@code HubOptions.protocols()}. */
  public ScaleOutOptions protocols(List<HubProtocol> value) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException("At least one protocol is needed");
    }
    protocols = List.copyOf(value);
    return this;
  }

  /** How long adding or removing another server's connection waits for its ack (default 30 s). */
  public Duration groupAckTimeout() {
    return groupAckTimeout;
  }

  /** Sets the group ack timeout. */
  public ScaleOutOptions groupAckTimeout(Duration value) {
    groupAckTimeout = Objects.requireNonNull(value);
    return this;
  }

  /** This server's name on the backplane (default {@code {host}_{random hex}}). */
  public String serverName() {
    return serverName;
  }

  /** Sets this server's name; it must be unique among the hub's servers and never reused. */
  public ScaleOutOptions serverName(String value) {
    serverName = Objects.requireNonNull(value);
    return this;
  }
}
