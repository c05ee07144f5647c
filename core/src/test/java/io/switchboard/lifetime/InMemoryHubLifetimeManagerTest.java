package io.switchboard.lifetime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.protocol.CompletionMessage;
import io.switchboard.protocol.HubProtocol;
import io.switchboard.protocol.InvocationMessage;
import io.switchboard.protocol.json.JsonHubProtocol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Sends that leave connections out: by the excluded ids, whichever String objects carry them. */
class InMemoryHubLifetimeManagerTest {
  private static final HubProtocol JSON = new JsonHubProtocol();

  /** Counts what it is sent. */
  private static final class Recipient implements HubConnection {
    private final String id;
    private final List<SerializedHubMessage> received = new ArrayList<>();

    Recipient(String id) {
      this.id = id;
    }

    @Override
    public String connectionId() {
      return id;
    }

    @Override
    public String userIdentifier() {
      return null;
    }

    @Override
    public void write(SerializedHubMessage message) {
      received.add(message);
    }

    @Override
    public <T> CompletableFuture<T> invoke(String method, Object[] args, Class<T> resultType) {
      throw new UnsupportedOperationException();
    }

    @Override
    public HubProtocol protocol() {
      return JSON;
    }

    @Override
    public CompletableFuture<CompletionMessage> expectCompletion(String invocationId) {
      throw new UnsupportedOperationException();
    }
  }

  private final InMemoryHubLifetimeManager lifetime = new InMemoryHubLifetimeManager();
  private final Recipient a = new Recipient("a");
  private final Recipient b = new Recipient("b");
  private final Recipient c = new Recipient("c");

  private static InvocationMessage message() {
    return new InvocationMessage("m", new Object[0]);
  }

  /** The same id in another String object, as it arrives from a client or another server. */
  private static String copyOf(String id) {
    return new String(id.toCharArray());
  }

  private void connectAll() {
    for (Recipient r : List.of(a, b, c)) {
      lifetime.onConnected(r);
    }
  }

  private List<Integer> counts() {
    return Arrays.asList(a.received.size(), b.received.size(), c.received.size());
  }

  @Test
  void allExceptLeavesOutTheNamedConnections() {
    connectAll();
    lifetime.sendAll(message(), List.of(copyOf("b")));
    lifetime.sendAll(message(), List.of());
    lifetime.sendAll(message(), List.of(copyOf("a"), copyOf("c")));
    assertEquals(List.of(2, 2, 2), counts());
  }

  @Test
  void anExcludedIdWithoutAConnectionLeavesOutNobodyElse() {
    connectAll();
    lifetime.sendAll(message(), List.of("gone", copyOf("c")));
    assertEquals(List.of(1, 1, 0), counts(), "compared by id: c is still left out");
  }

  @Test
  void groupExceptLeavesOutTheNamedMembers() {
    connectAll();
    for (String id : List.of("a", "b")) {
      lifetime.addToGroup(id, "g");
    }
    lifetime.sendGroups(message(), List.of("g"), List.of(copyOf("a")));
    lifetime.sendGroups(message(), List.of("g"), List.of("gone", copyOf("b")));
    assertEquals(List.of(1, 1, 0), counts());
  }
}
