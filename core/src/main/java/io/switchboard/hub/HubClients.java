package io.switchboard.hub;

import java.util.Collection;

/** Selects the connections a message goes to. */
public interface HubClients {

  /** Every connection of the hub. */
  ClientProxy all();

  /** Every connection except these connection ids. */
  ClientProxy allExcept(Collection<String> excludedConnectionIds);

  /** One connection; it can also be asked for a result. */
  SingleClientProxy client(String connectionId);

  /** These connections. */
  ClientProxy clients(Collection<String> connectionIds);

  /** The members of a group. */
  ClientProxy group(String groupName);

  /** The members of these groups (each connection once). */
  ClientProxy groups(Collection<String> groupNames);

  /** The members of a group except these connection ids. */
  ClientProxy groupExcept(String groupName, Collection<String> excludedConnectionIds);

  /** Every connection of one user. */
  ClientProxy user(String userId);

  /** Every connection of these users. */
  ClientProxy users(Collection<String> userIds);
}
