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
 */
record BackplaneInvocation(
    List<String> excludedConnectionIds,
    Map<String, byte[]> payloads,
    String invocationId,
    String returnChannel) {

  /** A plain send. */
  BackplaneInvocation(List<String> excludedConnectionIds, Map<String, byte[]> payloads) {
    this(excludedConnectionIds, payloads, null, null);
  }

  /** Whether the sender waits for the client's result. */
  boolean expectsResult() {
    return invocationId != null && !invocationId.isEmpty() && returnChannel != null;
  }
}
