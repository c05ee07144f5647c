package io.switchboard.protocol;

/**
 * Sequence (type 9, stateful reconnect): the id of the first message that follows on a re-attached
 * transport.
 *
 * @param sequenceId id of the next message
 */
public record SequenceMessage(long sequenceId) implements HubMessage {
  @Override
  public int type() {
    return 9;
  }
}
