package io.switchboard.protocol.internal;

import io.switchboard.protocol.CompletionMessage;
import io.switchboard.protocol.HubMessage;
import io.switchboard.protocol.InvocationBindingFailureMessage;
import io.switchboard.protocol.InvocationMessage;
import io.switchboard.protocol.StreamBindingFailureMessage;
import io.switchboard.protocol.StreamInvocationMessage;
import io.switchboard.protocol.StreamItemMessage;
import java.util.List;
import java.util.Map;

/**
 * Builds the messages that carry bound payloads once a parser has read and validated every field,
 * turning binding failures into the local failure messages. Shared by both hub protocols.
 */
public final class HubMessageAssembly {

  private HubMessageAssembly() {}

  /** An Invocation or StreamInvocation, or its binding failure. */
  public static HubMessage invocation(
      boolean streaming,
      Map<String, String> headers,
      String invocationId,
      String target,
      BoundValue arguments,
      List<String> streamIds) {
    if (arguments.isFailed()) {
      return new InvocationBindingFailureMessage(
          invocationId, target, streaming, arguments.failure());
    }
    Object[] values = (Object[]) arguments.value();
    return streaming
        ? new StreamInvocationMessage(headers, invocationId, target, values, streamIds)
        : new InvocationMessage(headers, invocationId, target, values, streamIds);
  }

  /** A StreamItem, or its binding failure. */
  public static HubMessage streamItem(
      Map<String, String> headers, String invocationId, BoundValue item) {
    return item.isFailed()
        ? new StreamBindingFailureMessage(invocationId, item.failure())
        : new StreamItemMessage(headers, invocationId, item.value());
  }

  /**
   * A Completion.
   *
   * @param result the bound result, or null when the message has none; a failed result becomes
   *     the completion's error, as in the reference server
   */
  public static CompletionMessage completion(
      Map<String, String> headers, String invocationId, String error, BoundValue result) {
    if (result == null) {
      return new CompletionMessage(headers, invocationId, error, null, false);
    }
    if (result.isFailed()) {
      return new CompletionMessage(
          headers, invocationId, result.failure().getMessage(), null, false);
    }
    return new CompletionMessage(headers, invocationId, null, result.value(), true);
  }
}
