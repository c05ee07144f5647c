package io.switchboard.backplane.sql;

import static io.switchboard.backplane.testkit.Sends.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.backplane.Backplane;
import io.switchboard.backplane.BackplaneHealthListener;
import io.switchboard.backplane.testkit.ScaleOutSuite;
import io.switchboard.backplane.testkit.StoppableServer;
import io.switchboard.backplane.testkit.TestClient;
import io.switchboard.backplane.testkit.TestNode;
import io.switchboard.hub.HubClients;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SQL backplane against a real database, run by each dialect's module: the {@link
 * ScaleOutSuite} every backplane passes (the database is the server stopped and started), then a
 * server cut off and back (nothing lost), the clean-up, and a server that fell behind it (the gap
 * reported). Each test has a schema of its own.
 */
public abstract class SqlBackplaneSuite extends ScaleOutSuite {
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
    return new TestNode(backplane(options));
  }

  private Backplane backplane(SqlBackplaneOptions.Builder options) {
    return SqlBackplane.create(options.build(), dialect());
  }

  @Override
  protected Backplane backplane() throws Exception {
    return backplane(options(database().jdbcUrl()));
  }

  @Override
  protected StoppableServer stoppableServer() throws Exception {
    TestDatabase database = database();
    String reason = database.whyNotRestartable();
    assumeTrue(reason == null, reason);
    return new StoppableServer() {
      @Override
      public Backplane backplane() {
        return SqlBackplaneSuite.this.backplane(options(database.jdbcUrl()));
      }

      @Override
      public void stop() throws Exception {
        database.stop();
      }

      @Override
      public void start() throws Exception {
        database.start();
      }

      @Override
      public void close() {
        // the database serves the other tests too
      }
    };
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
      b.backplane().addHealthListener(
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
}
