package io.switchboard.backplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.hub.HubException;
import io.switchboard.protocol.CompletionMessage;
import io.switchboard.protocol.InvocationMessage;
import io.switchboard.protocol.msgpack.MessagePackHubProtocol;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two servers, A and B, serving one hub over an in-memory bus: the scenarios of ASP.NET Core's
 * {@code ScaleoutHubLifetimeManagerTests} and the outage behaviour.
 */
class ScaleOutHubLifetimeManagerTest {
  private static final String HUB = "Tests.Hub";

  private final InMemoryBroker broker = new InMemoryBroker();
  private final InMemoryBackplane busA = broker.connect();
  private final InMemoryBackplane busB = broker.connect();
  private final ScaleOutHubLifetimeManager a = manager(busA, Duration.ofSeconds(30));
  private final ScaleOutHubLifetimeManager b = manager(busB, Duration.ofSeconds(30));

  private static ScaleOutHubLifetimeManager manager(Backplane bus, Duration ackTimeout) {
    return new ScaleOutHubLifetimeManager(bus, ScaleOutOptions.builder(HUB).groupAckTimeout(ackTimeout).build());
  }

  @AfterEach
  void close() {
    a.close();
    b.close();
    broker.close();
  }

  private static InvocationMessage hello(String text) {
    return new InvocationMessage("Hello", new Object[] {text});
  }

  private static String helloJson(String text) {
    return "{\"type\":1,\"target\":\"Hello\",\"arguments\":[\"" + text + "\"]}";
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(10, TimeUnit.SECONDS);
  }

  private static Throwable failureOf(CompletableFuture<?> future) {
    ExecutionException failure = assertThrows(ExecutionException.class, () -> await(future));
    return failure.getCause();
  }

  private TestConnection connect(ScaleOutHubLifetimeManager server, TestConnection connection)
      throws Exception {
    await(server.onConnected(connection).toCompletableFuture());
    return connection;
  }

  /** How many servers are subscribed to a channel, seen from a publisher on a third server. */
  private long subscribers(String channel) throws Exception {
    try (InMemoryBackplane probe = broker.connect()) {
      return await(probe.publish(channel, BackplaneCodec.writeAck(0)));
    }
  }

  @Test
  void broadcastReachesEveryServerExceptTheExcludedConnections() throws Exception {
    TestConnection a1 = connect(a, new TestConnection("a1"));
    TestConnection b1 = connect(b, new TestConnection("b1"));
    TestConnection b2 = connect(b, new TestConnection("b2"));

    await(a.sendAll(hello("one"), List.of("b1")));
    await(a.sendAll(hello("two"), List.of()));

    assertEquals(helloJson("one"), a1.nextText());
    assertEquals(helloJson("one"), b2.nextText());
    assertEquals(helloJson("two"), b1.nextText()); // same channel, in order: "one" never came
  }

  @Test
  void everyPublishedMessageCarriesEveryProtocol() throws Exception {
    BlockingQueue<byte[]> seen = new LinkedBlockingQueue<>();
    try (InMemoryBackplane observer = broker.connect()) {
      await(observer.subscribe(HUB + ":all", seen::add));
      await(a.sendAll(hello("x"), List.of()));
      BackplaneInvocation invocation = BackplaneCodec.readInvocation(seen.poll(10, TimeUnit.SECONDS));
      assertEquals(List.of("json", "messagepack"), List.copyOf(invocation.payloads().keySet()));
    }
  }

  @Test
  void connectionsOfOtherServersAndOfThisOneAreReached() throws Exception {
    TestConnection a1 = connect(a, new TestConnection("a1"));
    TestConnection b1 = connect(b, new TestConnection("b1"));

    await(a.sendConnections(hello("both"), List.of("a1", "b1", "nobody")));

    assertEquals(helloJson("both"), a1.nextText());
    assertEquals(helloJson("both"), b1.nextText());
  }

  @Test
  void groupSendFromAServerWithoutMembersHonoursExclusions() throws Exception {
    TestConnection b1 = connect(b, new TestConnection("b1"));
    TestConnection b2 = connect(b, new TestConnection("b2"));
    await(b.addToGroup("b1", "room"));
    await(b.addToGroup("b2", "room"));

    await(a.sendGroups(hello("one"), List.of("room"), List.of("b2")));
    await(a.sendGroups(hello("two"), List.of("room"), List.of()));

    assertEquals(helloJson("one"), b1.nextText());
    assertEquals(helloJson("two"), b2.nextText());
  }

  @Test
  void addingAndRemovingAConnectionOfAnotherServerWaitsForItsAck() throws Exception {
    TestConnection b1 = connect(b, new TestConnection("b1"));

    await(a.addToGroup("b1", "room"));
    await(a.addToGroup("b1", "room")); // already a member: still acknowledged
    await(a.sendGroups(hello("in"), List.of("room"), List.of()));
    assertEquals(helloJson("in"), b1.nextText());

    await(a.removeFromGroup("b1", "room"));
    await(a.removeFromGroup("b1", "room")); // not a member: still acknowledged
    assertEquals(0, subscribers(HUB + ":group:room"));
    await(a.sendGroups(hello("out"), List.of("room"), List.of()));
    await(a.addToGroup("b1", "room"));
    await(a.sendGroups(hello("back"), List.of("room"), List.of()));
    assertEquals(helloJson("back"), b1.nextText());
  }

  @Test
  void addingAConnectionThatExistsNowhereTimesOut() {
    try (ScaleOutHubLifetimeManager impatient = manager(broker.connect(), Duration.ofMillis(100))) {
      Throwable failure = failureOf(impatient.addToGroup("nobody", "room"));
      assertInstanceOf(TimeoutException.class, failure);
      assertTrue(failure.getMessage().contains("connection 'nobody' to group 'room'"));
    }
  }

  @Test
  void subscriptionsAreCountedAndLeftWithTheirLastMember() throws Exception {
    TestConnection b1 = connect(b, new TestConnection("b1", "alice"));
    TestConnection b2 = connect(b, new TestConnection("b2", "alice"));
    await(b.addToGroup("b1", "room"));
    await(b.addToGroup("b2", "room"));
    assertEquals(1, subscribers(HUB + ":user:alice"));
    assertEquals(1, subscribers(HUB + ":connection:b1"));

    b.onDisconnected(b1);
    assertEquals(1, subscribers(HUB + ":user:alice"));
    assertEquals(1, subscribers(HUB + ":group:room"));
    assertEquals(0, subscribers(HUB + ":connection:b1"));

    b.onDisconnected(b2);
    assertEquals(0, subscribers(HUB + ":user:alice"));
    assertEquals(0, subscribers(HUB + ":group:room"));
  }

  @Test
  void userSendReachesEveryConnectionOfTheUserOnEveryServer() throws Exception {
    TestConnection a1 = connect(a, new TestConnection("a1", "alice"));
    TestConnection b1 = connect(b, new TestConnection("b1", "alice"));
    TestConnection b2 = connect(b, new TestConnection("b2", "bob"));

    await(a.sendUsers(hello("alice"), List.of("alice", "")));
    await(a.sendUsers(hello("bob"), List.of("bob")));

    assertEquals(helloJson("alice"), a1.nextText());
    assertEquals(helloJson("alice"), b1.nextText());
    assertEquals(helloJson("bob"), b2.nextText());
  }

  @Test
  void aFailingConnectionDoesNotKeepTheMessageFromTheOthers() throws Exception {
    TestConnection b1 = connect(b, new TestConnection("b1"));
    TestConnection b2 = connect(b, new TestConnection("b2"));
    b1.failWrites();

    await(a.sendAll(hello("x"), List.of()));

    assertEquals(helloJson("x"), b2.nextText());
  }

  @Test
  void clientResultOfAConnectionOnAnotherServer() throws Exception {
    TestConnection b1 = connect(b, new TestConnection("b1"));

    CompletableFuture<Integer> result = a.invokeConnection("b1", "Ask", new Object[] {1}, Integer.class);
    String id = b1.nextExpectedResult();
    assertEquals(
        "{\"type\":1,\"invocationId\":\"" + id + "\",\"target\":\"Ask\",\"arguments\":[1]}",
        b1.nextText());
    assertEquals(22, id.length());
    b1.answer(CompletionMessage.withResult(id, 42));

    assertEquals(42, await(result));
  }

  @Test
  void clientResultInMessagePack() throws Exception {
    TestConnection b1 = connect(b, new TestConnection("b1", null, new MessagePackHubProtocol()));

    CompletableFuture<String> result = a.invokeConnection("b1", "Ask", new Object[0], String.class);
    b1.answer(CompletionMessage.withResult(b1.nextExpectedResult(), "seven"));

    assertEquals("seven", await(result));
  }

  @Test
  void clientResultFailures() throws Exception {
    TestConnection b1 = connect(b, new TestConnection("b1"));

    CompletableFuture<Integer> error = a.invokeConnection("b1", "Ask", new Object[0], Integer.class);
    b1.answer(CompletionMessage.withError(b1.nextExpectedResult(), "Client failed."));
    assertEquals("Client failed.", assertInstanceOf(HubException.class, failureOf(error)).getMessage());

    CompletableFuture<Integer> wrongType = a.invokeConnection("b1", "Ask", new Object[0], Integer.class);
    b1.answer(CompletionMessage.withResult(b1.nextExpectedResult(), "not a number"));
    assertTrue(failureOf(wrongType).getMessage().startsWith("Error trying to deserialize result to Integer."));

    CompletableFuture<Integer> gone = a.invokeConnection("b1", "Ask", new Object[0], Integer.class);
    b1.answer(CompletionMessage.withError(b1.nextExpectedResult(), "Connection disconnected."));
    Throwable disconnected = failureOf(gone);
    assertInstanceOf(IOException.class, disconnected);
    assertEquals("Connection disconnected.", disconnected.getMessage());

    Throwable unknown = failureOf(a.invokeConnection("nobody", "Ask", new Object[0], Integer.class));
    assertEquals("Connection 'nobody' does not exist.", unknown.getMessage());
  }

  @Test
  void anOutageKeepsLocalDeliveryAndFailsFastUntilTheBusIsBack() throws Exception {
    BlockingQueue<Boolean> health = new LinkedBlockingQueue<>();
    busB.addHealthListener(health::add);
    TestConnection a1 = connect(a, new TestConnection("a1"));
    TestConnection b1 = connect(b, new TestConnection("b1"));
    await(b.addToGroup("b1", "room"));

    busB.disconnect();
    assertEquals(false, health.take());
    assertInstanceOf(BackplaneUnavailableException.class, failureOf(b.sendAll(hello("local"), List.of())));
    assertEquals(helloJson("local"), b1.nextText());
    assertInstanceOf(
        BackplaneUnavailableException.class,
        failureOf(b.sendGroups(hello("local group"), List.of("room"), List.of())));
    assertEquals(helloJson("local group"), b1.nextText());
    assertInstanceOf(BackplaneUnavailableException.class, failureOf(b.addToGroup("a1", "room")));
    await(a.sendAll(hello("lost for B"), List.of()));
    assertEquals(helloJson("lost for B"), a1.nextText());

    busB.reconnect();
    assertEquals(true, health.take());
    await(a.sendAll(hello("after"), List.of()));
    assertEquals(helloJson("after"), b1.nextText());
    assertEquals(helloJson("after"), a1.nextText());
    await(b.sendAll(hello("from B"), List.of()));
    assertEquals(helloJson("from B"), a1.nextText());
  }

  @BackplaneName("MyApp.Hubs.ChatHub")
  private static final class NamedHub {}

  @Test
  void hubNamesComeFromTheAnnotationOrTheClassName() {
    assertEquals("MyApp.Hubs.ChatHub", ScaleOutOptions.forHub(NamedHub.class).hubName());
    assertEquals(String.class.getName(), ScaleOutOptions.forHub(String.class).hubName());
  }

  @Test
  void serverNamesAreUniqueAndShapedLikeDotNets() {
    assertTrue(a.serverName().matches(".+_[0-9a-f]{32}"));
    assertTrue(!a.serverName().equals(b.serverName()));
  }
}
