package io.switchboard.protocol;

import java.util.List;
import java.util.Map;

/**
 * Invocation (type 1): call a hub method (client to server) or a client handler (server to client).
 *
 * @param headers headers, never null
 * @param invocationId id of a blocking invocation, or null for a non-blocking one
 * @param target method name
 * @param arguments bound argument values (received) or values to serialize (sent)
 * @param streamIds ids of upload streams, never null (empty when absent)
 */
public record InvocationMessage(
    Map<String, String> headers,
    String invocationId,
    String target,
    Object[] arguments,
    List<String> streamIds)
    implements HubInvocationMessage {

  public InvocationMessage {
    headers = headers == null ? Map.of() : headers;
    streamIds = streamIds == null ? List.of() : streamIds;
    arguments = arguments == null ? new Object[0] : arguments;
  }

  /** A non-blocking invocation without headers or streams, the shape of every broadcast. */
  public InvocationMessage(String target, Object[] arguments) {
    this(Map.of(), null, target, arguments, List.of());
  }

  @Override
  public int type() {
    return 1;
  }
}
