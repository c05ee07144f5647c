package io.switchboard.backplane.redis;

import static io.switchboard.backplane.redis.Sends.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.hub.HubClients;
import io.switchboard.hub.GroupManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two servers on one Redis, each with official Java clients: every kind of send crosses over. */
class ScaleOutIT {

  @Test
  void everyKindOfSendReachesClientsOfBothServers() throws Exception {
    String uri = TestRedis.sharedUri();
    try (TestNode a = new TestNode(uri);
        TestNode b = new TestNode(uri)) {
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

      // Membership changed from the server that does not host the connections.
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
}
