package io.switchboard.protocol;

/**
 * Close (type 7): the sender ends the connection, optionally with an error.
 *
 * @param error error text, or null
 * @param allowReconnect whether the client may reconnect (automatic reconnect)
 */
public record CloseMessage(String error, boolean allowReconnect) implements HubMessage {

  /** A close without error and without reconnect. */
  public static final CloseMessage EMPTY = new CloseMessage(null, false);

  @Override
  public int type() {
    return 7;
  }
}
