package io.switchboard.protocol;

/** Ping (type 6): keep-alive, no fields. */
public record PingMessage() implements HubMessage {

  /** The one instance. */
  public static final PingMessage INSTANCE = new PingMessage();

  @Override
  public int type() {
    return 6;
  }
}
