package io.switchboard.server;

import io.switchboard.backplane.Backplane;
import io.switchboard.backplane.ScaleOutHubLifetimeManager;
import io.switchboard.events.SwitchboardEvents;
import io.switchboard.hub.Hub;
import io.switchboard.hub.HubEndpoint;
import io.switchboard.hub.HubExecutors;
import io.switchboard.hub.HubFilter;
import io.switchboard.hub.HubOptions;
import io.switchboard.lifetime.HubLifetimeManager;
import io.switchboard.lifetime.InMemoryHubLifetimeManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hubs of a started server, by lower-cased path, with the scale-out lifetime managers to
 * close when it stops. As in ASP.NET Core, a hub class mounted on several paths is one hub: its
 * mounts share one lifetime manager, so sends reach the clients of every path (and a backplane
 * carries one set of channels per hub class).
 *
 * @param endpoints the hubs by lower-cased path, in mount order
 * @param backplane the backplane, or null in memory
 * @param lifetimeManagers the scale-out managers created for the hubs
 */
record MountedHubs(
    Map<String, HubEndpoint<?>> endpoints, Backplane backplane, List<AutoCloseable> lifetimeManagers) {

  static MountedHubs create(
      List<HubMount<?>> mounts,
      List<HubFilter> globalFilters,
      Backplane backplane,
      HubExecutors threads,
      SwitchboardEvents events) {
    Map<String, HubEndpoint<?>> endpoints = new LinkedHashMap<>();
    Map<Class<?>, HubLifetimeManager> managersByHub = new HashMap<>();
    List<AutoCloseable> closeable = new ArrayList<>();
    for (HubMount<?> mount : mounts) {
      HubOptions.Builder builder = mount.options().toBuilder().prependFilters(globalFilters);
      if (events != SwitchboardEvents.NONE) {
        builder.backplaneEvents(events);
      }
      HubOptions options = builder.build();
      HubLifetimeManager manager =
          managersByHub.computeIfAbsent(
              mount.hubClass(),
              hubClass -> {
                if (backplane == null) {
                  return new InMemoryHubLifetimeManager();
                }
                ScaleOutHubLifetimeManager scaleOut =
                    backplane.lifetimeManager(mount.hubClass(), options);
                closeable.add(scaleOut);
                return scaleOut;
              });
      endpoints.put(mount.path().toLowerCase(Locale.ROOT), endpoint(mount, options, manager, threads));
    }
    return new MountedHubs(endpoints, backplane, List.copyOf(closeable));
  }

  private static <T extends Hub> HubEndpoint<T> endpoint(
      HubMount<T> mount, HubOptions options, HubLifetimeManager manager, HubExecutors threads) {
    return HubEndpoint.create(mount.hubClass(), mount.factory(), options, manager, threads);
  }
}
