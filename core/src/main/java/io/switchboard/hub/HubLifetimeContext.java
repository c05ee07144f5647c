package io.switchboard.hub;

/**
 * What a {@link HubFilter} knows about a connect or disconnect event.
 *
 * @param hub the hub instance whose handler runs
 * @param context the connection
 */
public record HubLifetimeContext(Hub hub, HubCallerContext context) {}
