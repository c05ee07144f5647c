package io.switchboard.protocol;

/**
 * Produced by a parser (never sent) when a StreamItem's item could not be bound to the element
 * type of its upload stream.
 *
 * @param invocationId the stream id
 * @param cause what went wrong
 */
public record StreamBindingFailureMessage(String invocationId, RuntimeException cause)
    implements HubMessage {
  @Override
  public int type() {
    return 0;
  }
}
