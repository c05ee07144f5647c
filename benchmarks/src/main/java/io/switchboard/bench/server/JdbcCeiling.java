package io.switchboard.bench.server;

import io.switchboard.backplane.postgres.PostgresDialect;
import io.switchboard.backplane.sql.MessageTable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.postgresql.PGConnection;

/**
 * The ceiling of S7pg: what PostgreSQL and pgJDBC do alone for the SQL backplane's pattern, with
 * its statements ({@link PostgresDialect}) on a table of its own. One writer thread appends what
 * was sent meanwhile in one transaction (a send statement per message, one {@code pg_notify}), as
 * the backplane's writer does; two reader threads stand for nodes A and B, each {@code LISTEN}ing
 * on a connection and reading the rows after its last id on another, and B's counts the messages
 * and records their latency. Its commands are {@link FlowCommands}'.
 */
final class JdbcCeiling extends FlowCommands implements AutoCloseable {
  private static final MessageTable TABLE = new MessageTable("bench_ceiling", "Messages_Ceiling_0");
  private static final int BATCH = 256;
  private static final int WAIT_MILLIS = 1_000;

  private final PostgresDialect dialect = new PostgresDialect();
  private final String url;
  private final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean closed;

  private JdbcCeiling(String url) throws SQLException {
    this.url = url;
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      statement.execute(dialect.installScript(TABLE.schema(), List.of(TABLE)));
      connection.commit();
    }
    threads.add(new Thread(this::write, "ceiling-writer"));
    threads.add(new Thread(() -> read(false), "ceiling-node-a"));
    threads.add(new Thread(() -> read(true), "ceiling-node-b"));
    threads.forEach(thread -> {
      thread.setDaemon(true);
      thread.start();
    });
  }

  /** Installs its table on the database of {@code jdbcUrl} and starts its threads. */
  static JdbcCeiling connect(String jdbcUrl) throws SQLException {
    return new JdbcCeiling(jdbcUrl);
  }

  @Override
  void send(byte[] message) {
    queue.add(message);
  }

  private void write() {
    List<byte[]> batch = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(url);
        PreparedStatement send = connection.prepareStatement(dialect.sendStatement(TABLE));
        Statement wake = connection.createStatement()) {
      connection.setAutoCommit(false);
      while (!closed) {
        batch.add(queue.take());
        queue.drainTo(batch, BATCH - 1);
        for (byte[] message : batch) {
          send.setBytes(1, message);
          send.executeQuery().close();
        }
        wake.execute(dialect.wakeStatement(TABLE));
        connection.commit();
        batch.clear();
      }
    } catch (SQLException e) {
      if (!closed) {
        e.printStackTrace();
      }
    } catch (InterruptedException e) {
      // closing
    }
  }

  private void read(boolean counts) {
    try (Connection listening = DriverManager.getConnection(url);
        Connection reading = DriverManager.getConnection(url);
        Statement listen = listening.createStatement();
        PreparedStatement current = reading.prepareStatement(dialect.currentIdStatement(TABLE));
        PreparedStatement read = reading.prepareStatement(dialect.readStatement(TABLE, 1_000))) {
      listen.execute("LISTEN \"" + TABLE.schema() + "." + TABLE.name() + "\"");
      long last;
      try (ResultSet result = current.executeQuery()) {
        result.next();
        last = result.getLong(1);
      }
      PGConnection notifications = listening.unwrap(PGConnection.class);
      while (!closed) {
        int rows = 0;
        read.setLong(1, last);
        try (ResultSet result = read.executeQuery()) {
          while (result.next()) {
            last = result.getLong(1);
            result.getBytes(2);
            rows++;
          }
        }
        if (rows > 0) {
          if (counts) {
            arrived(rows);
          }
        } else {
          notifications.getNotifications(WAIT_MILLIS);
        }
      }
    } catch (SQLException e) {
      if (!closed) {
        e.printStackTrace();
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    shutdown();
    threads.forEach(Thread::interrupt);
  }
}
