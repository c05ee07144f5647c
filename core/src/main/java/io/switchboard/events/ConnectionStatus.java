package io.switchboard.events;

/**
 * Why a connection ended, as ASP.NET Core names it in the {@code signalr.connection.status} tag
 * of {@code signalr.server.connection.duration}. A failure is reported beside it (see {@link
 * SwitchboardEvents#connectionClosed}): the reference counts a connection that failed as a normal
 * closure too.
 */
public enum ConnectionStatus {
  /** The client or the application ended it, or its transport was lost. */
  NORMAL_CLOSURE("normal_closure"),
  /** It stayed inactive (no transport request) for the endpoint's disconnect timeout. */
  TIMEOUT("timeout"),
  /** The server shut down. */
  APP_SHUTDOWN("app_shutdown");

  private final String tagValue;

  ConnectionStatus(String tagValue) {
    this.tagValue = tagValue;
  }

  /** The reference's tag value, e.g. {@code normal_closure}. */
  public String tagValue() {
    return tagValue;
  }
}
