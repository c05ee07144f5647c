package io.switchboard.backplane.sql;

import static io.switchboard.backplane.sql.TestNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.backplane.BackplaneHealthListener;
import io.switchboard.backplane.BackplaneUnavailableException;
import io.switchboard.hub.GroupManager;
import io.switchboard.hub.HubClients;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SQL backplane against a real database, run by each dialect's module: two servers with
 * official Java clients, every kind of send across them, the database stopped and started, a
 * server cut off and back (nothing lost), the clean-up, and a server that fell behind it (the gap
 * reported). Each test has a schema of its own.
 */
public abstract class SqlBackplaneSuite {
  private static final int CLEAN_UP_EVERY = 10;
  private static final int MAX_TABLE_SIZE = 40;

  private String schema;

  /** The database to test on. */
  protected abstract TestDatabase database() throws Exception;

  /** The dialect under test. */
  protected abstract SqlDialect dialect();

  @BeforeEach
  void newSchema() {
    schema = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  private SqlBackplaneOptions.Builder options(String jdbcUrl) {
    return SqlBackplaneOptions.builder()
        .jdbcUrl(jdbcUrl)
        .schemaName(schema)
        .maxPollDelay(Duration.ofMillis(500))
        .connectionTimeout(Duration.ofSeconds(1));
  }

  private TestNode node(String jdbcUrl) {
    return node(options(jdbcUrl));
  }

  private TestNode node(SqlBackplaneOptions.Builder options) {
    return new TestNode(SqlBackplane.create(options.build(), dialect()));
  }

  @Test
  void everyKindOfSendReachesClientsOfBothServers() throws Exception {
    String url = database().jdbcUrl();
    try (TestNode a = node(url);
        TestNode b = node(url)) {
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

  @Test
  void serversKeepServingLocallyAndResumeAcrossWhenTheDatabaseIsBack() throws Exception {
    TestDatabase database = database();
    String reason = database.whyNotRestartable();
    assumeTrue(reason == null, reason);
    try (TestNode a = node(database.jdbcUrl());
        TestNode b = node(database.jdbcUrl())) {
      TestClient a1 = a.connect();
      TestClient b1 = b.connect("carol");
      HubClients fromA = a.context().clients();
      await(b.context().groups().add(b1.connectionId(), "room"));
      await(fromA.all().send("Receive", "before"));
      assertEquals("before", a1.next());
      assertEquals("before", b1.next());

      database.stop();
      try {
        a.awaitHealthy(false);
        b.awaitHealthy(false);
        // This server's clients are still served; other servers are out of reach, at once.
        failure(fromA.all().send("Receive", "local"));
        assertEquals("local", a1.next());
        assertEquals("still here", b1.echo("still here"));
        failure(fromA.client(b1.connectionId()).send("Receive", "lost"));
      } finally {
        database.start();
      }
      a.awaitHealthy(true);
      b.awaitHealthy(true);

      await(fromA.group("room").send("Receive", "after"));
      assertEquals("after", b1.next()); // never got "local" nor "lost"
      await(fromA.user("carol").send("Receive", "user after"));
      assertEquals("user after", b1.next());
      assertEquals(TestClient.ANSWER, await(fromA.client(b1.connectionId()).invoke(Integer.class, "Ask")));
    }
  }

  @Test
  void aServerCutOffReadsWhatItMissedOnceBack() throws Exception {
    TestDatabase.LockableLogin login = database().lockableLogin();
    assumeTrue(login != null, "this database offers no login to lock out");
    try (TestNode a = node(database().jdbcUrl());
        TestNode b = node(login.jdbcUrl())) {
      TestClient b1 = b.connect();
      await(b.context().groups().add(b1.connectionId(), "room"));
      HubClients fromA = a.context().clients();

      login.lockOut();
      try {
        b.awaitHealthy(false);
        for (int i = 1; i <= 5; i++) {
          await(fromA.group("room").send("Receive", "missed " + i));
        }
      } finally {
        login.letIn();
      }
      b.awaitHealthy(true);

      for (int i = 1; i <= 5; i++) {
        assertEquals("missed " + i, b1.next()); // none lost, in order
      }
    }
  }

  @Test
  void theCleanUpKeepsTheTablesBounded() throws Exception {
    String url = database().jdbcUrl();
    try (TestNode a = node(options(url).cleanUp(CLEAN_UP_EVERY, MAX_TABLE_SIZE))) {
      TestClient a1 = a.connect();
      int messages = 5 * MAX_TABLE_SIZE;
      for (int i = 0; i < messages; i++) {
        await(a.context().clients().all().send("Receive", "m" + i));
        assertEquals("m" + i, a1.next()); // read before the clean-up could remove it
      }
      // After a clean-up the table has fewer than MAX_TABLE_SIZE rows, and it grows by at most
      // CLEAN_UP_EVERY until the next.
      long rows = rows(url);
      assertTrue(rows < MAX_TABLE_SIZE + CLEAN_UP_EVERY, "rows left: " + rows);
      assertTrue(rows >= MAX_TABLE_SIZE - 2 * CLEAN_UP_EVERY, "rows left: " + rows);
    }
  }

  @Test
  void aServerBehindTheCleanUpReportsTheGap() throws Exception {
    TestDatabase.LockableLogin login = database().lockableLogin();
    assumeTrue(login != null, "this database offers no login to lock out");
    try (TestNode a = node(options(database().jdbcUrl()).cleanUp(CLEAN_UP_EVERY, MAX_TABLE_SIZE));
        TestNode b = node(options(login.jdbcUrl()).cleanUp(CLEAN_UP_EVERY, MAX_TABLE_SIZE))) {
      BlockingQueue<long[]> gaps = new LinkedBlockingQueue<>();
      b.backplane.addHealthListener(
          new BackplaneHealthListener() {
            @Override
            public void healthChanged(boolean healthy) {}

            @Override
            public void messagesMissed(String stream, long firstMissing, long lastMissing) {
              assertEquals(schema + ".Messages_TestHub_0", stream);
              gaps.add(new long[] {firstMissing, lastMissing});
            }
          });
      TestClient b1 = b.connect();
      await(a.context().clients().all().send("Receive", "first"));
      assertEquals("first", b1.next());

      login.lockOut();
      try {
        b.awaitHealthy(false);
        for (int i = 0; i < 3 * MAX_TABLE_SIZE; i++) {
          await(a.context().clients().all().send("Receive", "during"));
        }
      } finally {
        login.letIn();
      }
      b.awaitHealthy(true);

      long[] gap = gaps.poll(TestNode.PATIENCE.toSeconds(), TimeUnit.SECONDS);
      assertNotNull(gap, "no gap was reported");
      assertEquals(2, gap[0], "the first message after \"first\" is missing");
      assertTrue(gap[1] >= gap[0], "missing " + gap[0] + " to " + gap[1]);
      await(a.context().clients().all().send("Receive", "after"));
      int during = 0;
      for (String text = b1.next(); !text.equals("after"); text = b1.next()) {
        during++;
      }
      assertEquals(3 * MAX_TABLE_SIZE - (gap[1] - gap[0] + 1), during, "what was not missed arrived");
    }
  }

  private long rows(String url) throws Exception {
    MessageTable table = new MessageTable(schema, "Messages_TestHub_0");
    try (Connection connection = DriverManager.getConnection(url);
        PreparedStatement count = connection.prepareStatement(dialect().countStatement(table));
        ResultSet result = count.executeQuery()) {
      result.next();
      return result.getLong(1);
    }
  }

  private static void failure(CompletableFuture<?> send) {
    ExecutionException failure = assertThrows(ExecutionException.class, () -> await(send));
    assertInstanceOf(BackplaneUnavailableException.class, failure.getCause());
  }
}
