package io.switchboard.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchboard.connection.TransportType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Hub options are snapshots: neither their builder nor the caller's lists change them later. */
class HubOptionsTest {

  @Test
  void defaultsAreTheReferences() {
    HubOptions defaults = HubOptions.defaults();
    assertEquals(Duration.ofSeconds(15), defaults.keepAliveInterval());
    assertEquals(Duration.ofSeconds(30), defaults.clientTimeoutInterval());
    assertEquals(Duration.ofSeconds(15), defaults.handshakeTimeout());
    assertEquals(32L * 1024, defaults.maximumReceiveMessageSize());
    assertEquals(1, defaults.maximumParallelInvocationsPerClient());
    assertEquals(Set.of(TransportType.values()), defaults.transports());
    assertEquals(List.of("json", "messagepack"), defaults.protocols().stream().map(p -> p.name()).toList());
  }

  @Test
  void globalFiltersGoOutsideAndTheOriginalStaysAsBuilt() {
    HubFilter own = new HubFilter() {};
    HubFilter global = new HubFilter() {};
    HubOptions original = HubOptions.builder().addFilter(own).build();
    List<HubFilter> outer = new ArrayList<>(List.of(global));

    HubOptions mounted = original.toBuilder().prependFilters(outer).build();
    outer.clear();

    assertEquals(List.of(global, own), mounted.filters());
    assertEquals(List.of(own), original.filters());
  }

  @Test
  void aBuilderChangedAfterBuildLeavesTheOptionsAlone() {
    HubOptions.Builder builder = HubOptions.builder().policy("admins", user -> true);
    HubOptions built = builder.build();
    builder
        .addFilter(new HubFilter() {})
        .beforeShutdown(context -> {})
        .policy("others", user -> true)
        .transports(TransportType.LONG_POLLING)
        .keepAliveInterval(Duration.ofSeconds(1));

    assertEquals(List.of(), built.filters());
    assertEquals(List.of(), built.beforeShutdown());
    assertEquals(null, built.policy("others"));
    assertEquals(Set.of(TransportType.values()), built.transports());
    assertEquals(Duration.ofSeconds(15), built.keepAliveInterval());
  }

  @Test
  void buildRefusesLimitsBelowOne() {
    assertThrows(
        IllegalArgumentException.class,
        () -> HubOptions.builder().maximumParallelInvocationsPerClient(0).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> HubOptions.builder().maximumStreamingInvocationsPerClient(0).build());
  }
}
