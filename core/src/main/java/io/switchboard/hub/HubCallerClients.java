package io.switchboard.hub;

/** {@link HubClients} plus the selections relative to the calling connection. */
public interface HubCallerClients extends HubClients {

  /**
   * The calling connection. Asking it for a result from a hub method needs
   * {@link HubOptions.Builder#maximumParallelInvocationsPerClient(int)} above 1, or the connection could
   * never read the answer; with 1 the invocation fails with an {@link IllegalStateException}.
   */
  SingleClientProxy caller();

  /** Every connection except the caller. */
  ClientProxy others();

  /** The members of a group except the caller. */
  ClientProxy othersInGroup(String groupName);
}
