package io.switchboard.backplane.postgres;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.backplane.sql.MessageTable;
import io.switchboard.backplane.sql.SqlDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * LISTEN/NOTIFY wakes a waiting reader at once: a reader waiting far longer than the test's
 * patience returns when another connection appends a message.
 */
class ListeningWaiterIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Test
  void anAppendWakesTheWaitingReader() throws Exception {
    PostgresDialect dialect = new PostgresDialect();
    MessageTable table = new MessageTable("waiter_test", "Messages_Waiter_0");
    String url = TestPostgres.get().jdbcUrl();
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      statement.execute(dialect.installScript(table.schema(), List.of(table)));
      connection.commit();
    }
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(url);
    CountDownLatch woken = new CountDownLatch(1);
    try {
      SqlDialect.RowWaiter waiter = dialect.waiter(dataSource, table);
      Thread reader = new Thread(() -> {
        try {
          waiter.await(TimeUnit.HOURS.toMillis(1));
          woken.countDown();
        } catch (Exception e) {
          // the test fails on the latch
        }
      });
      reader.setDaemon(true);
      reader.start();
      try (Connection connection = DriverManager.getConnection(url)) {
        connection.setAutoCommit(false);
        try (PreparedStatement send = connection.prepareStatement(dialect.sendStatement(table));
            Statement wake = connection.createStatement()) {
          send.setBytes(1, new byte[] {1});
          send.execute();
          wake.execute(dialect.wakeStatement(table));
        }
        connection.commit();
      }
      assertTrue(woken.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the reader was not woken");
    } finally {
      dialect.close();
    }
  }
}
