package io.switchboard.protocol;

import java.util.Map;

/**
 * The messages that carry headers and an invocation id (types 1–5), which are also the messages
 * counted by stateful reconnect.
 */
public sealed interface HubInvocationMessage extends HubMessage
    permits InvocationMessage, StreamItemMessage, CompletionMessage, StreamInvocationMessage,
        CancelInvocationMessage {

  /** Headers of the message, never null (empty when absent). */
  Map<String, String> headers();

  /** Invocation id, or null for a non-blocking invocation. */
  String invocationId();
}
