package io.switchboard.protocol;

import java.util.List;
import java.util.Map;

/**
 * StreamInvocation (type 4): the client calls a server-to-client streaming hub method.
 *
 * @param headers headers, never null
 * @param invocationId id of the stream, never empty
 * @param target method name
 * @param arguments bound argument values
 * @param streamIds ids of upload streams, never null
 */
public record StreamInvocationMessage(
    Map<String, String> headers,
    String invocationId,
    String target,
    Object[] arguments,
    List<String> streamIds)
    implements HubInvocationMessage {

  public StreamInvocationMessage {
    headers = headers == null ? Map.of() : headers;
    streamIds = streamIds == null ? List.of() : streamIds;
    arguments = arguments == null ? new Object[0] : arguments;
  }

  @Override
  public int type() {
    return 4;
  }
}
