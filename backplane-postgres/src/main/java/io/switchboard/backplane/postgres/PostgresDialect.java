package io.switchboard.backplane.postgres;

import io.switchboard.backplane.sql.MessageTable;
import io.switchboard.backplane.sql.SqlDialect;
import java.util.List;
import javax.sql.DataSource;

/**
 * The SQL backplane's statements on PostgreSQL: IntelliTect's tables in PostgreSQL's types
 * ({@code bigint}, {@code bytea}, {@code timestamp}), names quoted as given. The send statement
 * increments the id row and inserts the message in one statement; the id row stays locked until
 * the transaction commits, so ids commit in order. Every append's transaction notifies a channel
 * per table; one connection per backplane {@code LISTEN}s to them all and wakes the readers, which
 * poll as the fallback. One instance per backplane.
 */
public final class PostgresDialect implements SqlDialect {
  private Notifications notifications;
  private boolean closed;

  @Override
  public String name() {
    return "PostgreSQL";
  }

  @Override
  public String installScript(String schema, List<MessageTable> tables) {
    StringBuilder script = new StringBuilder();
    // Servers starting together would race on CREATE ... IF NOT EXISTS: one installs at a time.
    script.append("SELECT pg_advisory_xact_lock(hashtext('switchboard-sql-install'));\n");
    script.append("CREATE SCHEMA IF NOT EXISTS ").append(quote(schema)).append(";\n");
    script.append("CREATE TABLE IF NOT EXISTS ").append(quote(schema)).append(".\"Schema\" (")
        .append("\"SchemaVersion\" integer NOT NULL PRIMARY KEY);\n");
    script.append("DO $$ BEGIN IF EXISTS (SELECT 1 FROM ").append(quote(schema))
        .append(".\"Schema\" WHERE \"SchemaVersion\" > 1) THEN RAISE EXCEPTION ")
        .append("'SignalR database current schema version is newer than 1, the version this backplane supports'; ")
        .append("END IF; END $$;\n");
    script.append("INSERT INTO ").append(quote(schema)).append(".\"Schema\" (\"SchemaVersion\") ")
        .append("SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM ").append(quote(schema)).append(".\"Schema\");\n");
    for (MessageTable table : tables) {
      script.append("CREATE TABLE IF NOT EXISTS ").append(qualified(table)).append(" (")
          .append("\"PayloadId\" bigint NOT NULL PRIMARY KEY, ")
          .append("\"Payload\" bytea NOT NULL, ")
          .append("\"InsertedOn\" timestamp NOT NULL);\n");
      script.append("CREATE TABLE IF NOT EXISTS ").append(idTable(table)).append(" (")
          .append("\"PayloadId\" bigint NOT NULL PRIMARY KEY);\n");
      script.append("INSERT INTO ").append(idTable(table)).append(" (\"PayloadId\") ")
          .append("SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM ").append(idTable(table)).append(");\n");
    }
    return script.toString();
  }

  @Override
  public String sendStatement(MessageTable table) {
    return "WITH next AS (UPDATE " + idTable(table)
        + " SET \"PayloadId\" = \"PayloadId\" + 1 RETURNING \"PayloadId\") "
        + "INSERT INTO " + qualified(table) + " (\"PayloadId\", \"Payload\", \"InsertedOn\") "
        + "SELECT \"PayloadId\", ?, LOCALTIMESTAMP FROM next RETURNING \"PayloadId\"";
  }

  @Override
  public String currentIdStatement(MessageTable table) {
    return "SELECT \"PayloadId\" FROM " + idTable(table);
  }

  @Override
  public String readStatement(MessageTable table, int limit) {
    return "SELECT \"PayloadId\", \"Payload\" FROM " + qualified(table)
        + " WHERE \"PayloadId\" > ? ORDER BY \"PayloadId\" LIMIT " + limit;
  }

  @Override
  public String countStatement(MessageTable table) {
    return "SELECT COUNT(\"PayloadId\"), MIN(\"PayloadId\") FROM " + qualified(table);
  }

  @Override
  public String deleteStatement(MessageTable table) {
    return "DELETE FROM " + qualified(table) + " WHERE \"PayloadId\" BETWEEN ? AND ?";
  }

  /** Notifies at commit; several appends in one transaction make one notification. */
  @Override
  public String wakeStatement(MessageTable table) {
    return "SELECT pg_notify('" + notifyChannel(table) + "', '')";
  }

  /**
   * Waits on the signal of the table's channel, which the dialect's one {@code LISTEN}ing
   * connection fires (opened with the first waiter, from {@code dataSource}).
   */
  @Override
  public RowWaiter waiter(DataSource dataSource, MessageTable table) {
    Notifications.Signal signal;
    try {
      signal = notifications(dataSource).listen(notifyChannel(table));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
    return signal::await;
  }

  private synchronized Notifications notifications(DataSource dataSource) {
    if (closed) {
      throw new IllegalStateException("The dialect is closed");
    }
    if (notifications == null) {
      notifications = new Notifications(dataSource);
    }
    return notifications;
  }

  /** Closes the LISTENing connection. */
  @Override
  public synchronized void close() {
    closed = true;
    if (notifications != null) {
      notifications.close();
    }
  }

  /** The notification channel of a table: {@code schema.table}, quoted in LISTEN. */
  static String notifyChannel(MessageTable table) {
    return table.schema() + "." + table.name();
  }

  private static String qualified(MessageTable table) {
    return quote(table.schema()) + "." + quote(table.name());
  }

  private static String idTable(MessageTable table) {
    return quote(table.schema()) + "." + quote(table.idTableName());
  }

  private static String quote(String identifier) {
    return "\"" + identifier + "\"";
  }
}
