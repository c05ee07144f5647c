package io.switchboard.backplane.postgres;

import io.switchboard.backplane.sql.SqlBackplane;
import io.switchboard.backplane.sql.SqlBackplaneOptions;

/**
 * The SQL backplane on PostgreSQL (RDS for PostgreSQL, Aurora PostgreSQL, any PostgreSQL 12+):
 * the tables and payloads of IntelliTect's SQL Server backplane in PostgreSQL's types (see
 * {@link PostgresDialect}); readers are woken at once by {@code LISTEN}/{@code NOTIFY} and poll
 * as the fallback. One pooled connection of the backplane {@code LISTEN}s for all its tables.
 *
 * <pre>{@code
 * SqlBackplane backplane = PostgresBackplane.create("jdbc:postgresql://db:5432/app?user=app&password=secret");
 * SwitchboardServer server = SwitchboardServer.builder().backplane(backplane).hub("/chat", ChatHub.class).start();
 * }</pre>
 */
public final class PostgresBackplane {
  private PostgresBackplane() {}

  /** A backplane pooling connections to this JDBC URL, with the default options. */
  public static SqlBackplane create(String jdbcUrl) {
    return create(SqlBackplaneOptions.builder().jdbcUrl(jdbcUrl).build());
  }

  /** A backplane with these options. */
  public static SqlBackplane create(SqlBackplaneOptions options) {
    return SqlBackplane.create(options, new PostgresDialect());
  }
}
