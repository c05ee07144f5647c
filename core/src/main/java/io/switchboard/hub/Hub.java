package io.switchboard.hub;

/**
 * Base class of hubs: plain Java classes whose public methods clients call by name
 * (case-insensitively; {@link HubMethodName} renames one). A new instance serves each invocation
 * and each connect or disconnect event, as in ASP.NET Core: keep state in
 * {@link HubCallerContext#items()} or in your own services, not in fields.
 *
 * <p>Parameters are bound from the hub protocol's values by Jackson. A method may return a value,
 * a {@link java.util.concurrent.CompletionStage}, or nothing (clients then receive a null result).
 */
public abstract class Hub {
  private HubCallerContext context;
  private HubCallerClients clients;
  private GroupManager groups;

  /** Called by the dispatcher before any method of this instance runs. */
  final void attach(HubCallerContext context, HubCallerClients clients, GroupManager groups) {
    this.context = context;
    this.clients = clients;
    this.groups = groups;
  }

  /** The calling connection. */
  protected final HubCallerContext context() {
    return context;
  }

  /** Senders to the caller, others, everyone, groups and users. */
  protected final HubCallerClients clients() {
    return clients;
  }

  /** Adds connections to groups and removes them. */
  protected final GroupManager groups() {
    return groups;
  }

  /**
   * A connection completed its handshake. An exception closes the connection with an error.
   *
   * @throws Exception to refuse the connection
   */
  public void onConnected() throws Exception {}

  /**
   * A connection ended.
   *
   * @param error why, or null when it ended cleanly
   * @throws Exception logged; the connection is gone either way
   */
  public void onDisconnected(Throwable error) throws Exception {}
}
