package io.switchboard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.events.SwitchboardEvents;
import io.switchboard.hub.Hub;
import io.switchboard.hub.HubEndpoint;
import io.switchboard.hub.HubExecutors;
import io.switchboard.hub.HubFilter;
import io.switchboard.hub.HubOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountedHubsTest {
  /** A hub for mounting. */
  public static class MountedHub extends Hub {
    public String echo(String message) {
      return message;
    }
  }

  @Test
  void globalFiltersJoinACopyOfTheHubsOptions() {
    HubFilter global = new HubFilter() {};
    HubFilter own = new HubFilter() {};
    HubMount<MountedHub> mount =
        new HubMount<>(
            "/hub",
            MountedHub.class,
            HubEndpoint.constructorOf(MountedHub.class),
            HubOptions.builder().addFilter(own).build());
    HubExecutors threads = HubExecutors.create();
    MountedHubs mounted = MountedHubs.create(List.of(mount), List.of(global), null, threads, SwitchboardEvents.NONE);
    try {
      assertEquals(List.of(own), mount.options().filters(), "the caller's options stay as given");
      assertEquals(List.of("/hub"), List.copyOf(mounted.endpoints().keySet()));
    } finally {
      mounted.endpoints().values().forEach(HubEndpoint::shutdown);
      threads.close();
    }
  }
}
