package io.switchboard.backplane.sql;

import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * What differs between databases for the {@link SqlBackplane}: the statement texts and how a
 * reader waits for new rows. Table and schema names given to it are plain identifiers (letters,
 * digits, underscores), checked by {@link SqlBackplaneOptions}.
 */
public interface SqlDialect {

  /** The database's name, for logs. */
  String name();

  /**
   * Creates the schema, the {@code Schema} table (version 1) and the given message and id tables
   * where missing, in one transaction; fails when the database holds a newer schema version.
   */
  String installScript(String schema, List<MessageTable> tables);

  /**
   * Appends one message (parameter 1: the payload) and returns its id as the first column of its
   * only result set. The id is taken from the id table in the same statement and transaction, so
   * that ids become visible in commit order: once id N is visible, no smaller id appears later.
   */
  String sendStatement(MessageTable table);

  /** The last id given out (one row, one column). */
  String currentIdStatement(MessageTable table);

  /**
   * The messages after an id (parameter 1), oldest first, at most {@code limit} of them: columns
   * {@code PayloadId}, {@code Payload}.
   */
  String readStatement(MessageTable table, int limit);

  /** The table's row count and smallest id (one row, two columns). */
  String countStatement(MessageTable table);

  /** Deletes the messages with ids from parameter 1 to parameter 2, both included. */
  String deleteStatement(MessageTable table);

  /**
   * A statement run in the appending transaction to wake the readers of {@code table} once it
   * commits, or null when readers only poll.
   */
  default String wakeStatement(MessageTable table) {
    return null;
  }

  /**
   * How a reader of {@code table} waits for new rows; by default it sleeps (polling). Called on
   * the reader's thread, which it may block a little.
   *
   * @throws IllegalStateException when the wake-up cannot be had now (the reader polls, and asks
   *     again later)
   */
  default RowWaiter waiter(DataSource dataSource, MessageTable table) {
    return RowWaiter.POLLING;
  }

  /** Releases what the waiters hold; called when the backplane closes, after its readers ended. */
  default void close() {}

  /** Waits for new rows of one table, up to a delay. */
  interface RowWaiter extends AutoCloseable {
    /** Sleeps for the whole delay: plain polling. */
    RowWaiter POLLING = millis -> Thread.sleep(millis);

    /**
     * Returns after {@code millis} milliseconds, or earlier when rows may have arrived.
     *
     * @throws SQLException when the wake-up channel failed (the reader then polls)
     */
    void await(long millis) throws InterruptedException, SQLException;

    @Override
    default void close() {}
  }
}
