package io.switchboard.backplane.sql;

import io.switchboard.backplane.BackplaneUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends the messages published to one table, on its own thread, in the order they were
 * published: what is queued meanwhile goes in one transaction (one send statement per message),
 * so a publisher's messages get increasing ids. After the commit, when an id given out is a
 * multiple of {@link SqlBackplaneOptions#cleanUpEvery()}, it runs the clean-up: a table of at
 * least {@link SqlBackplaneOptions#maxTableSize()} rows loses its oldest {@code cleanUpEvery +
 * (rows - maxTableSize)} ids, IntelliTect's thresholds.
 */
final class TableWriter implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(TableWriter.class);
  private static final int BATCH = 256;

  private record Pending(byte[] payload, CompletableFuture<Long> appended) {}

  private final DataSource dataSource;
  private final SqlDialect dialect;
  private final MessageTable table;
  private final SchemaInstall install;
  private final SqlHealth health;
  private final SqlBackplaneOptions options;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private volatile boolean closed;

  TableWriter(
      DataSource dataSource,
      SqlDialect dialect,
      MessageTable table,
      SchemaInstall install,
      SqlHealth health,
      SqlBackplaneOptions options) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.table = table;
    this.install = install;
    this.health = health;
    this.options = options;
  }

  /**
   * Queues a message; the future completes with its id once committed, or fails with {@link
   * BackplaneUnavailableException} when the database cannot be used (the message was not
   * appended), at once during a known outage.
   */
  CompletableFuture<Long> append(byte[] payload) {
    if (closed) {
      return unavailable("The SQL backplane is closed.");
    }
    if (health.inOutage()) {
      return unavailable("The database is not reachable.");
    }
    CompletableFuture<Long> appended = new CompletableFuture<>();
    queue.add(new Pending(payload, appended));
    return appended;
  }

  @Override
  public void run() {
    List<Pending> batch = new ArrayList<>();
    try {
      while (!closed) {
        batch.add(queue.take());
        queue.drainTo(batch, BATCH - 1);
        write(batch);
        batch.clear();
      }
    } catch (InterruptedException e) {
      // closing
    } finally {
      batch.addAll(queue);
      batch.forEach(pending -> pending.appended().completeExceptionally(
          new BackplaneUnavailableException("The SQL backplane is closed.")));
    }
  }

  private void write(List<Pending> batch) {
    long[] ids = new long[batch.size()];
    try (Connection connection = dataSource.getConnection()) {
      install.ensure(connection);
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        try (PreparedStatement send = connection.prepareStatement(dialect.sendStatement(table))) {
          for (int i = 0; i < ids.length; i++) {
            send.setBytes(1, batch.get(i).payload());
            ids[i] = firstLong(send);
          }
        }
        String wake = dialect.wakeStatement(table);
        if (wake != null) {
          try (Statement statement = connection.createStatement()) {
            statement.execute(wake);
          }
        }
        connection.commit();
      } catch (SQLException e) {
        rollBack(connection);
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
      health.worked();
      for (int i = 0; i < ids.length; i++) {
        batch.get(i).appended().complete(ids[i]);
      }
      cleanUpIfDue(connection, ids);
    } catch (SQLException e) {
      health.failed(e);
      BackplaneUnavailableException failure =
          new BackplaneUnavailableException("The database is not reachable: " + e.getMessage(), e);
      batch.forEach(pending -> pending.appended().completeExceptionally(failure));
    }
  }

  private void cleanUpIfDue(Connection connection, long[] ids) {
    boolean due = false;
    for (long id : ids) {
      due |= id % options.cleanUpEvery() == 0;
    }
    if (!due) {
      return;
    }
    try {
      long rows;
      long first;
      try (PreparedStatement count = connection.prepareStatement(dialect.countStatement(table));
          ResultSet result = count.executeQuery()) {
        result.next();
        rows = result.getLong(1);
        first = result.getLong(2);
      }
      if (rows >= options.maxTableSize()) {
        long last = first + options.cleanUpEvery() + (rows - options.maxTableSize());
        try (PreparedStatement delete = connection.prepareStatement(dialect.deleteStatement(table))) {
          delete.setLong(1, first);
          delete.setLong(2, last);
          int deleted = delete.executeUpdate();
          log.debug("Clean-up of {} removed {} rows, ids {} to {}", table, deleted, first, last);
        }
      }
    } catch (SQLException e) {
      log.warn("Clean-up of {} failed (it runs again at the next multiple of {}): {}", table, options.cleanUpEvery(), e.toString());
    }
  }

  /** The first column of the first result set the statement returns, skipping update counts. */
  private static long firstLong(PreparedStatement statement) throws SQLException {
    boolean isResultSet = statement.execute();
    while (true) {
      if (isResultSet) {
        try (ResultSet result = statement.getResultSet()) {
          if (result.next()) {
            return result.getLong(1);
          }
        }
      } else if (statement.getUpdateCount() == -1) {
        throw new SQLException("The send statement returned no id");
      }
      isResultSet = statement.getMoreResults();
    }
  }

  private static void rollBack(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      log.debug("Rollback failed: {}", e.toString());
    }
  }

  /** Stops writing; what is still queued fails. */
  void close() {
    closed = true;
  }

  private static <T> CompletableFuture<T> unavailable(String message) {
    return CompletableFuture.failedFuture(new BackplaneUnavailableException(message));
  }
}
