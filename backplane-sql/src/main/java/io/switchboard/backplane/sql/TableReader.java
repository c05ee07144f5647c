package io.switchboard.backplane.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one message table on its own thread: everything after the last id it read, oldest
 * first, then waits (the dialect's wake-up, else the poll back-off) and reads again. It starts
 * after the id current when it starts (no replay of older rows, as IntelliTect), and keeps its
 * last id across database outages, so that it resumes without loss while the rows are retained.
 * Ids that skip ahead (rows removed by the clean-up before it read them) are reported to {@link
 * SqlHealth}, and so is an id counter found below its last id (a restored or recreated table),
 * after which it reads on from the counter: a reader reading only after its last id would
 * otherwise never see the new rows.
 */
final class TableReader implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(TableReader.class);
  private static final int BATCH = 1_000;

  /** Receives the rows read, in id order, on the reader's thread. */
  interface RowHandler {
    void row(long id, byte[] payload);
  }

  private final DataSource dataSource;
  private final SqlDialect dialect;
  private final MessageTable table;
  private final SchemaInstall install;
  private final SqlHealth health;
  private final RowHandler handler;
  private final PollSchedule schedule;
  private final CompletableFuture<Void> started = new CompletableFuture<>();
  private volatile boolean closed;
  private volatile SqlDialect.RowWaiter waiter;
  private long lastId = -1;

  TableReader(
      DataSource dataSource,
      SqlDialect dialect,
      MessageTable table,
      SchemaInstall install,
      SqlHealth health,
      SqlBackplaneOptions options,
      RowHandler handler) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.table = table;
    this.install = install;
    this.health = health;
    this.handler = handler;
    this.schedule = new PollSchedule(options.maxPollDelay());
  }

  /** Completes once the reader knows where it starts: later messages reach it. */
  CompletableFuture<Void> started() {
    return started;
  }

  @Override
  public void run() {
    try {
      while (!closed) {
        if (waiter == null) {
          waiter = openWaiter(); // before the read, so that no wake-up after it is missed
        }
        long delay;
        try {
          delay = readOnce() ? 0 : schedule.nextDelay();
          health.worked();
        } catch (SQLException e) {
          health.failed(e);
          delay = schedule.nextDelay();
        }
        if (delay > 0) {
          await(delay);
        }
      }
    } catch (InterruptedException e) {
      // closing
    } finally {
      closeWaiter();
    }
  }

  private void closeWaiter() {
    SqlDialect.RowWaiter current = waiter;
    if (current != null) {
      current.close();
    }
  }

  /** The dialect's waiter, or null when it cannot be had now (polling until the next try). */
  private SqlDialect.RowWaiter openWaiter() {
    try {
      return dialect.waiter(dataSource, table);
    } catch (RuntimeException e) {
      log.debug("No wake-up for {} now, polling: {}", table, e.toString());
      return null;
    }
  }

  private void await(long delay) throws InterruptedException {
    SqlDialect.RowWaiter current = waiter;
    if (current == null) {
      Thread.sleep(delay);
      return;
    }
    try {
      current.await(delay);
    } catch (SQLException e) {
      log.debug("Wake-up of {} failed, polling until it is back: {}", table, e.toString());
      current.close();
      waiter = null;
    }
  }

  /** One read; true when it returned rows. */
  private boolean readOnce() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      install.ensure(connection);
      if (lastId < 0) {
        lastId = currentId(connection);
        schedule.reset();
        started.complete(null);
        return false;
      }
      int rows = 0;
      try (PreparedStatement read = connection.prepareStatement(dialect.readStatement(table, BATCH))) {
        read.setLong(1, lastId);
        try (ResultSet result = read.executeQuery()) {
          while (result.next() && !closed) {
            rows++;
            accept(result.getLong(1), result.getBytes(2));
          }
        }
      }
      if (rows > 0) {
        schedule.reset();
      } else {
        checkForReset(connection);
      }
      return rows > 0;
    }
  }

  private void checkForReset(Connection connection) throws SQLException {
    long current = currentId(connection);
    if (current < lastId) {
      health.repeated(table, lastId, current);
      lastId = current;
    }
  }

  private long currentId(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(dialect.currentIdStatement(table));
        ResultSet result = query.executeQuery()) {
      if (!result.next()) {
        throw new SQLException("The id table of " + table + " has no row");
      }
      return result.getLong(1);
    }
  }

  /** The id is taken as read before the handler runs: a row whose handling fails is not re-read. */
  private void accept(long id, byte[] payload) {
    if (id > lastId + 1) {
      health.missed(table, lastId + 1, id - 1);
    }
    lastId = id;
    try {
      handler.row(id, payload == null ? new byte[0] : payload);
    } catch (RuntimeException e) {
      log.warn("Dropped message {} of {}: {}", id, table, e.getMessage());
    }
  }

  /** Stops reading; the thread ends after its current read, its wait cut short. */
  void close() {
    closed = true;
    started.cancel(false);
    closeWaiter();
  }
}
