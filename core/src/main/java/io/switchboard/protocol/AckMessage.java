package io.switchboard.protocol;

/**
 * Ack (type 8, stateful reconnect): the peer processed every message up to {@code sequenceId}.
 *
 * @param sequenceId the highest processed sequence id
 */
public record AckMessage(long sequenceId) implements HubMessage {
  @Override
  public int type() {
    return 8;
  }
}
