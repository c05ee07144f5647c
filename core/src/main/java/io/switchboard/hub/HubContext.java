package io.switchboard.hub;

/** Sends to a hub's clients from outside any hub method (a timer, an HTTP handler, …). */
public interface HubContext {

  /** Selects recipients. */
  HubClients clients();

  /** Manages groups. */
  GroupManager groups();
}
