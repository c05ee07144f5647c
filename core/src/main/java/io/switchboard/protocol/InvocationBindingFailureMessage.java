package io.switchboard.protocol;

/**
 * Produced by a parser (never sent) when an Invocation or StreamInvocation was well formed but its
 * arguments could not be bound to the target's parameters. The connection stays open; the
 * dispatcher answers with an error Completion when the invocation has an id.
 *
 * @param invocationId id of the invocation, or null
 * @param target the target that was asked for
 * @param streaming whether the message was a StreamInvocation
 * @param cause what went wrong; its simple class name and message form the detailed error text
 */
public record InvocationBindingFailureMessage(
    String invocationId, String target, boolean streaming, RuntimeException cause)
    implements HubMessage {
  @Override
  public int type() {
    return 0;
  }
}
