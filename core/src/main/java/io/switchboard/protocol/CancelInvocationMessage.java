package io.switchboard.protocol;

import java.util.Map;

/**
 * CancelInvocation (type 5): the client cancels a stream it started.
 *
 * @param headers headers, never null
 * @param invocationId id of the stream to cancel
 */
public record CancelInvocationMessage(Map<String, String> headers, String invocationId)
    implements HubInvocationMessage {

  public CancelInvocationMessage {
    headers = headers == null ? Map.of() : headers;
  }

  @Override
  public int type() {
    return 5;
  }
}
