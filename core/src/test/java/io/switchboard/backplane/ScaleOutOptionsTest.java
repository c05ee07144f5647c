package io.switchboard.backplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchboard.protocol.HubProtocol;
import io.switchboard.protocol.json.JsonHubProtocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scale-out options are snapshots: a derived copy or the caller's list leaves them as built. */
class ScaleOutOptionsTest {

  @Test
  void aCopyKeepsTheServerNameAndLeavesTheOriginalAlone() {
    List<HubProtocol> protocols = new ArrayList<>(List.of(new JsonHubProtocol()));
    ScaleOutOptions original = ScaleOutOptions.builder("Chat").protocols(protocols).build();
    protocols.clear();
    ScaleOutOptions copy = original.toBuilder().groupAckTimeout(Duration.ofSeconds(1)).build();

    assertEquals(1, original.protocols().size());
    assertEquals(Duration.ofSeconds(30), original.groupAckTimeout());
    assertEquals(Duration.ofSeconds(1), copy.groupAckTimeout());
    assertEquals(original.serverName(), copy.serverName());
    assertEquals("Chat", copy.hubName());
  }

  @Test
  void buildNeedsAProtocol() {
    assertThrows(
        IllegalArgumentException.class, () -> ScaleOutOptions.builder("Chat").protocols(List.of()).build());
  }
}
