package io.switchboard.protocol;

/**
 * A message of the SignalR hub protocol (after the handshake). The type numbers are the wire values.
 */
public sealed interface HubMessage
    permits HubInvocationMessage, PingMessage, CloseMessage, AckMessage, SequenceMessage,
        InvocationBindingFailureMessage, StreamBindingFailureMessage {

  /** Wire type number: 1 Invocation … 9 Sequence; 0 for the local-only binding failures. */
  int type();
}
