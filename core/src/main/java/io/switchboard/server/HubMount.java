package io.switchboard.server;

import io.switchboard.hub.Hub;
import io.switchboard.hub.HubFactory;
import io.switchboard.hub.HubOptions;

/**
 * A hub the builder was asked to mount; it becomes a {@link io.switchboard.hub.HubEndpoint} at
 * start, once the backplane and the global filters are known.
 */
record HubMount<T extends Hub>(String path, Class<T> hubClass, HubFactory<T> factory, HubOptions options) {}
