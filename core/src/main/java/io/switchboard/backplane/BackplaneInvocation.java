package io.switchboard.backplane;

import java.util.List;
import java.util.Map;

/**
 * An invocation on the all, group, user and connection channels (backplanes.md §1.5a).
 *
 * @param excludedConnectionIds connections that must not get it, never null
 * @param payloads the framed hub message by protocol name, in the publisher's protocol order
 * @param invocationId the client-result invocation id, or null for a plain send
 * @param returnChannel where the client's result goes, or null for a plain send
 * @param traceHeaders the publisher's trace propagation headers (Switchboard's own item, which
 *     .NET reads past), never null, empty when none
 */
record BackplaneInvocation(
    List<String> excludedConnectionIds,
    Map<String, byte[]> payloads,
    String invocationId,
    String returnChannel,
    Map<String, String> traceHeaders) {

  /** A plain send without trace headers. */
  BackplaneInvocation(List<String> excludedConnectionIds, Map<String, byte[]> payloads) {
    this(excludedConnectionIds, payloads, null, null, Map.of());
  }

  /** Whether the sender waits for the client's result. */
  boolean expectsResult() {
    return invocationId != null && !invocationId.isEmpty() && returnChannel != null;
  }
}
