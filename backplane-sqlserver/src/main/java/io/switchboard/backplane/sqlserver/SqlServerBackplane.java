package io.switchboard.backplane.sqlserver;

import io.switchboard.backplane.sql.SqlBackplane;
import io.switchboard.backplane.sql.SqlBackplaneOptions;

/**
 * The SQL backplane on SQL Server (RDS for SQL Server, Azure SQL, any SQL Server 2012+),
 * table-compatible with {@code IntelliTect.AspNetCore.SignalR.SqlServer}: a Switchboard server
 * and an ASP.NET Core server using IntelliTect's package can share one database for a hub when
 * they agree on the schema name, the table slug (the hub's simple class name by default on both
 * sides) and the table count. Readers poll (JDBC has no query notifications), with IntelliTect's
 * back-off: idle, a message can wait up to {@link SqlBackplaneOptions#maxPollDelay()} (3 s by
 * default; lower it for latency, at the cost of more queries).
 *
 * <p>Client results across servers use payload types of Switchboard's own (see the README), which
 * .NET servers log as unknown and ignore.
 *
 * <pre>{@code
 * SqlBackplane backplane = SqlServerBackplane.create(
 *     "jdbc:sqlserver://db:1433;databaseName=app;user=app;password=secret;encrypt=true");
 * }</pre>
 */
public final class SqlServerBackplane {
  private SqlServerBackplane() {}

  /** A backplane pooling connections to this JDBC URL, with the default options. */
  public static SqlBackplane create(String jdbcUrl) {
    return create(SqlBackplaneOptions.builder().jdbcUrl(jdbcUrl).build());
  }

  /** A backplane with these options. */
  public static SqlBackplane create(SqlBackplaneOptions options) {
    return SqlBackplane.create(options, new SqlServerDialect());
  }
}
