package io.switchboard.transport.netty;

import io.switchboard.backplane.Backplane;
import io.switchboard.backplane.ScaleOutHubLifetimeManager;
import io.switchboard.hub.Hub;
import io.switchboard.hub.HubEndpoint;
import io.switchboard.hub.HubFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hubs of a started server, by lower-cased path, with the scale-out lifetime managers to
 * close when it stops.
 *
 * @param endpoints the hubs by lower-cased path, in mount order
 * @param backplane the backplane, or null in memory
 * @param lifetimeManagers the scale-out managers created for the hubs
 */
record MountedHubs(
    Map<String, HubEndpoint<?>> endpoints, Backplane backplane, List<AutoCloseable> lifetimeManagers) {

  static MountedHubs create(List<HubMount<?>> mounts, List<HubFilter> globalFilters, Backplane backplane) {
    Map<String, HubEndpoint<?>> endpoints = new LinkedHashMap<>();
    List<AutoCloseable> managers = new ArrayList<>();
    for (HubMount<?> mount : mounts) {
      endpoints.put(mount.path().toLowerCase(Locale.ROOT), endpoint(mount, globalFilters, backplane, managers));
    }
    return new MountedHubs(endpoints, backplane, List.copyOf(managers));
  }

  private static <T extends Hub> HubEndpoint<T> endpoint(
      HubMount<T> mount, List<HubFilter> globalFilters, Backplane backplane, List<AutoCloseable> managers) {
    mount.options().prependFilters(globalFilters);
    if (backplane == null) {
      return HubEndpoint.create(mount.hubClass(), mount.factory(), mount.options());
    }
    ScaleOutHubLifetimeManager manager = backplane.lifetimeManager(mount.hubClass(), mount.options());
    managers.add(manager);
    return HubEndpoint.create(mount.hubClass(), mount.factory(), mount.options(), manager);
  }
}
