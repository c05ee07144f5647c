package io.switchboard.backplane.sqlserver;

import io.switchboard.backplane.sql.MessageTable;
import io.switchboard.backplane.sql.SqlDialect;
import java.util.List;

/**
 * The SQL backplane's statements on SQL Server, for IntelliTect's schema version 1
 * (backplanes.md §2.1): {@code [schema].[Messages_{slug}_{i}]} ({@code PayloadId bigint} clustered
 * primary key, {@code Payload varbinary(max)}, {@code InsertedOn datetime}), its {@code _Id} table
 * seeded with 0, and {@code [schema].[Schema]} holding 1. The send statement is IntelliTect's: one
 * {@code UPDATE TOP (1)} of the id row whose {@code OUTPUT ... INTO} inserts the message, so the
 * id row's exclusive lock, held until commit, orders the commits (IntelliTect also sets REPEATABLE
 * READ, which this statement does not need and would leave on the pooled session). JDBC has no query notifications ({@code SqlDependency} is
 * ADO.NET's), so readers poll, with IntelliTect's back-off.
 */
public final class SqlServerDialect implements SqlDialect {

  @Override
  public String name() {
    return "SQL Server";
  }

  /**
   * IntelliTect's install, in its transaction: the schema, the {@code Schema} table, the tables
   * where missing; an error when the database holds a newer schema version.
   */
  @Override
  public String installScript(String schema, List<MessageTable> tables) {
    String s = "[" + schema + "]";
    StringBuilder script = new StringBuilder();
    script.append("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;\n");
    script.append("IF SCHEMA_ID(N'").append(schema).append("') IS NULL EXEC(N'CREATE SCHEMA ").append(s).append("');\n");
    script.append("IF OBJECT_ID(N'").append(s).append(".[Schema]', N'U') IS NULL EXEC(N'CREATE TABLE ").append(s)
        .append(".[Schema] ([SchemaVersion] int NOT NULL PRIMARY KEY CLUSTERED)');\n");
    script.append("IF EXISTS (SELECT 1 FROM ").append(s).append(".[Schema] WHERE [SchemaVersion] > 1)\n")
        .append("  RAISERROR(N'SignalR database current schema version is newer than 1, the version this backplane supports.', 16, 1);\n");
    script.append("ELSE\nBEGIN\n");
    for (MessageTable table : tables) {
      String messages = qualified(table);
      String ids = idTable(table);
      script.append("  IF OBJECT_ID(N'").append(messages).append("', N'U') IS NULL EXEC(N'CREATE TABLE ").append(messages)
          .append(" ([PayloadId] bigint NOT NULL PRIMARY KEY CLUSTERED, [Payload] varbinary(max) NOT NULL, [InsertedOn] datetime NOT NULL)');\n");
      script.append("  IF OBJECT_ID(N'").append(ids).append("', N'U') IS NULL EXEC(N'CREATE TABLE ").append(ids)
          .append(" ([PayloadId] bigint NOT NULL PRIMARY KEY CLUSTERED); INSERT INTO ").append(ids)
          .append(" ([PayloadId]) VALUES (0)');\n");
    }
    script.append("  IF NOT EXISTS (SELECT 1 FROM ").append(s).append(".[Schema]) INSERT INTO ").append(s)
        .append(".[Schema] ([SchemaVersion]) VALUES (1);\n");
    script.append("END;\n");
    // The level is the session's: a pooled connection must not keep SERIALIZABLE for its reads.
    script.append("SET TRANSACTION ISOLATION LEVEL READ COMMITTED;\n");
    return script.toString();
  }

  @Override
  public String sendStatement(MessageTable table) {
    return "SET NOCOUNT ON;\n"
        + "DECLARE @NewPayloadId bigint;\n"
        + "UPDATE TOP (1) " + idTable(table) + " SET @NewPayloadId = [PayloadId] = [PayloadId] + 1\n"
        + "OUTPUT INSERTED.[PayloadId], ?, GETDATE() INTO " + qualified(table)
        + " ([PayloadId], [Payload], [InsertedOn]);\n"
        + "SELECT @NewPayloadId;";
  }

  @Override
  public String currentIdStatement(MessageTable table) {
    return "SELECT [PayloadId] FROM " + idTable(table);
  }

  @Override
  public String readStatement(MessageTable table, int limit) {
    return "SELECT TOP (" + limit + ") [PayloadId], [Payload] FROM " + qualified(table)
        + " WHERE [PayloadId] > ? ORDER BY [PayloadId]";
  }

  @Override
  public String countStatement(MessageTable table) {
    return "SELECT COUNT([PayloadId]), MIN([PayloadId]) FROM " + qualified(table);
  }

  @Override
  public String deleteStatement(MessageTable table) {
    return "DELETE FROM " + qualified(table) + " WHERE [PayloadId] BETWEEN ? AND ?";
  }

  private static String qualified(MessageTable table) {
    return "[" + table.schema() + "].[" + table.name() + "]";
  }

  private static String idTable(MessageTable table) {
    return "[" + table.schema() + "].[" + table.idTableName() + "]";
  }
}
