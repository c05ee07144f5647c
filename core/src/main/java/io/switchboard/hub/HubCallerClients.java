package io.switchboard.hub;

/** {@link HubClients} plus the selections relative to the calling connection. */
public interface HubCallerClients extends HubClients {

  /** The calling connection. */
  ClientProxy caller();

  /** Every connection except the caller. */
  ClientProxy others();

  /** The members of a group except the caller. */
  ClientProxy othersInGroup(String groupName);
}
