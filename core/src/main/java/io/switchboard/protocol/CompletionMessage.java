package io.switchboard.protocol;

import java.util.Map;

/**
 * Completion (type 3): the end of an invocation, with an error, a result, or neither (void).
 *
 * @param headers headers, never null
 * @param invocationId id of the completed invocation or stream
 * @param error error text, or null
 * @param result the result value (meaningful only when {@code hasResult})
 * @param hasResult whether a result is present (a null result still counts)
 */
public record CompletionMessage(
    Map<String, String> headers, String invocationId, String error, Object result, boolean hasResult)
    implements HubInvocationMessage {

  public CompletionMessage {
    headers = headers == null ? Map.of() : headers;
    if (error != null && hasResult) {
      throw new IllegalArgumentException("A completion has an error or a result, not both");
    }
  }

  /** A successful completion with a result (which may be null). */
  public static CompletionMessage withResult(String invocationId, Object result) {
    return new CompletionMessage(Map.of(), invocationId, null, result, true);
  }

  /** A failed completion. */
  public static CompletionMessage withError(String invocationId, String error) {
    return new CompletionMessage(Map.of(), invocationId, error, null, false);
  }

  /** A void completion, used to end streams. */
  public static CompletionMessage empty(String invocationId) {
    return new CompletionMessage(Map.of(), invocationId, null, null, false);
  }

  @Override
  public int type() {
    return 3;
  }
}
