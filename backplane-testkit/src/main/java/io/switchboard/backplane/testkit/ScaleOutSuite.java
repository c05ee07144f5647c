package io.switchboard.backplane.testkit;

import static io.switchboard.backplane.testkit.Sends.await;
import static io.switchboard.backplane.testkit.Sends.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.backplane.Backplane;
import io.switchboard.backplane.BackplaneUnavailableException;
import io.switchboard.hub.GroupManager;
import io.switchboard.events.SwitchboardEvents;
import io.switchboard.hub.HubClients;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every backplane must do, run by each backplane's module against its real server: two hub
 * servers with official Java clients, every kind of send across them, group changes made by the
 * server that does not host the connection, client results, and the backplane's server stopped
 * and started while both hub servers stay up.
 */
public abstract class ScaleOutSuite {

  /** A new backplane on the server the tests share; each call is another hub server's. */
  protected abstract Backplane backplane() throws Exception;

  /** A server this test may stop and start; the implementation skips the test when it has none. */
  protected abstract StoppableServer stoppableServer() throws Exception;

  @Test
  void everyKindOfSendReachesClientsOfBothServers() throws Exception {
    try (TestNode a = new TestNode(backplane());
        TestNode b = new TestNode(backplane())) {
      TestClient a1 = a.connect("alice");
      TestClient b1 = b.connect("alice");
      TestClient b2 = b.connect("bob");
      HubClients fromA = a.context().clients();
      HubClients fromB = b.context().clients();
      GroupManager groupsOfA = a.context().groups();

      await(fromA.all().send("Receive", "all"));
      for (TestClient client : List.of(a1, b1, b2)) {
        assertEquals("all", client.next());
      }

      await(fromB.allExcept(List.of(a1.connectionId())).send("Receive", "others"));
      assertEquals("others", b1.next());
      assertEquals("others", b2.next());
      await(fromB.all().send("Receive", "after others"));
      for (TestClient client : List.of(a1, b1, b2)) {
        assertEquals("after others", client.next()); // a1 never got "others"
      }

      // Membership changed from the server that does not host the connections, acked by it.
      await(groupsOfA.add(b1.connectionId(), "room"));
      await(groupsOfA.add(b2.connectionId(), "room"));
      await(fromA.group("room").send("Receive", "group"));
      assertEquals("group", b1.next());
      assertEquals("group", b2.next());

      await(fromA.groupExcept("room", List.of(b1.connectionId())).send("Receive", "group except"));
      assertEquals("group except", b2.next());
      await(fromA.group("room").send("Receive", "group again"));
      assertEquals("group again", b1.next()); // b1 never got "group except"
      assertEquals("group again", b2.next());

      await(fromA.user("alice").send("Receive", "user"));
      assertEquals("user", a1.next());
      assertEquals("user", b1.next());

      await(fromA.client(b2.connectionId()).send("Receive", "connection"));
      assertEquals("connection", b2.next());

      assertEquals(TestClient.ANSWER, await(fromA.client(b1.connectionId()).invoke(Integer.class, "Ask")));
      assertEquals(TestClient.ANSWER, await(fromB.client(a1.connectionId()).invoke(Integer.class, "Ask")));

      await(groupsOfA.remove(b1.connectionId(), "room"));
      await(fromA.group("room").send("Receive", "without b1"));
      assertEquals("without b1", b2.next());
      await(fromA.all().send("Receive", "end"));
      assertEquals("end", b1.next()); // b1 left the group before "without b1"
    }
  }

  /** Records a hub's backplane events as text: {@code published 146}, {@code received 146}. */
  private static SwitchboardEvents recorder(BlockingQueue<String> events) {
    return new SwitchboardEvents() {
      @Override
      public void backplanePublished(String hub, int bytes, long durationNanos) {
        events.add("published " + bytes);
      }

      @Override
      public void backplaneReceived(String hub, int bytes) {
        events.add("received " + bytes);
      }
    };
  }

  private static String next(BlockingQueue<String> events) throws InterruptedException {
    String event = events.poll(TestNode.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    if (event == null) {
      throw new AssertionError("no backplane event");
    }
    return event;
  }

  @Test
  void aSendIsReportedAsPublishedByItsServerAndReceivedByTheOther() throws Exception {
    BlockingQueue<String> eventsOfA = new LinkedBlockingQueue<>();
    BlockingQueue<String> eventsOfB = new LinkedBlockingQueue<>();
    try (TestNode a = new TestNode(backplane(), recorder(eventsOfA));
        TestNode b = new TestNode(backplane(), recorder(eventsOfB))) {
      TestClient b1 = b.connect();
      await(a.context().clients().client(b1.connectionId()).send("Receive", "across"));
      assertEquals("across", b1.next());

      String published = next(eventsOfA);
      assertEquals(true, published.startsWith("published "), published);
      assertEquals("received " + published.substring("published ".length()), next(eventsOfB));
    }
  }

  @Test
  void serversKeepServingLocallyAndResumeAcrossWhenTheBackplaneIsBack() throws Exception {
    try (StoppableServer server = stoppableServer();
        TestNode a = new TestNode(server.backplane());
        TestNode b = new TestNode(server.backplane())) {
      TestClient a1 = a.connect();
      TestClient b1 = b.connect("carol");
      HubClients fromA = a.context().clients();
      await(b.context().groups().add(b1.connectionId(), "room"));
      await(fromA.all().send("Receive", "before"));
      assertEquals("before", a1.next());
      assertEquals("before", b1.next());

      server.stop();
      TestClient a2;
      try {
        a.awaitHealthy(false);
        b.awaitHealthy(false);
        // This server's clients are still served; other servers are out of reach, at once.
        failure(fromA.all().send("Receive", "local"), BackplaneUnavailableException.class);
        assertEquals("local", a1.next());
        assertEquals("still here", b1.echo("still here"));
        a2 = a.connect();
        assertEquals("new", a2.echo("new"));
        failure(fromA.client(b1.connectionId()).send("Receive", "lost"), BackplaneUnavailableException.class);
        failure(a.context().groups().add(b1.connectionId(), "other"), BackplaneUnavailableException.class);
      } finally {
        server.start();
      }
      a.awaitHealthy(true);
      b.awaitHealthy(true);

      // Every subscription is back, including those made during the outage.
      await(fromA.group("room").send("Receive", "after"));
      assertEquals("after", b1.next()); // never got "local" nor "lost"
      await(fromA.user("carol").send("Receive", "user after"));
      assertEquals("user after", b1.next());
      await(b.context().clients().client(a2.connectionId()).send("Receive", "to a2"));
      assertEquals("to a2", a2.next());
      assertEquals(TestClient.ANSWER, await(fromA.client(b1.connectionId()).invoke(Integer.class, "Ask")));
    }
  }
}
