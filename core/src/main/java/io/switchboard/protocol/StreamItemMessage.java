package io.switchboard.protocol;

import java.util.Map;

/**
 * StreamItem (type 2): one item of a server-to-client stream or of an upload stream.
 *
 * @param headers headers, never null
 * @param invocationId id of the stream invocation, or the stream id for uploads
 * @param item the item, may be null
 */
public record StreamItemMessage(Map<String, String> headers, String invocationId, Object item)
    implements HubInvocationMessage {

  public StreamItemMessage {
    headers = headers == null ? Map.of() : headers;
  }

  @Override
  public int type() {
    return 2;
  }
}
