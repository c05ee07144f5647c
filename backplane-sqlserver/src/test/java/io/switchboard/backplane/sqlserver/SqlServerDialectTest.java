package io.switchboard.backplane.sqlserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.backplane.sql.MessageTable;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SQL Server statements as golden texts: IntelliTect's schema version 1 and its send
 * statement (backplanes.md §2.1). No SQL Server can run here: these texts are what has been
 * checked, besides the suite that runs when SQLSERVER_URL is set.
 */
class SqlServerDialectTest {
  private static final MessageTable TABLE = new MessageTable("SignalR", "Messages_ChatHub_0");
  private final SqlServerDialect dialect = new SqlServerDialect();

  @Test
  void installCreatesIntelliTectsSchemaVersion1() {
    assertEquals(
        """
        SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;
        IF SCHEMA_ID(N'SignalR') IS NULL EXEC(N'CREATE SCHEMA [SignalR]');
        IF OBJECT_ID(N'[SignalR].[Schema]', N'U') IS NULL EXEC(N'CREATE TABLE [SignalR].[Schema] ([SchemaVersion] int NOT NULL PRIMARY KEY CLUSTERED)');
        IF EXISTS (SELECT 1 FROM [SignalR].[Schema] WHERE [SchemaVersion] > 1)
          RAISERROR(N'SignalR database current schema version is newer than 1, the version this backplane supports.', 16, 1);
        ELSE
        BEGIN
          IF OBJECT_ID(N'[SignalR].[Messages_ChatHub_0]', N'U') IS NULL EXEC(N'CREATE TABLE [SignalR].[Messages_ChatHub_0] ([PayloadId] bigint NOT NULL PRIMARY KEY CLUSTERED, [Payload] varbinary(max) NOT NULL, [InsertedOn] datetime NOT NULL)');
          IF OBJECT_ID(N'[SignalR].[Messages_ChatHub_0_Id]', N'U') IS NULL EXEC(N'CREATE TABLE [SignalR].[Messages_ChatHub_0_Id] ([PayloadId] bigint NOT NULL PRIMARY KEY CLUSTERED); INSERT INTO [SignalR].[Messages_ChatHub_0_Id] ([PayloadId]) VALUES (0)');
          IF NOT EXISTS (SELECT 1 FROM [SignalR].[Schema]) INSERT INTO [SignalR].[Schema] ([SchemaVersion]) VALUES (1);
        END;
        SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
        """,
        dialect.installScript("SignalR", List.of(TABLE)));
  }

  @Test
  void sendIncrementsTheIdRowAndInsertsInOneStatement() {
    assertEquals(
        """
        SET NOCOUNT ON;
        DECLARE @NewPayloadId bigint;
        UPDATE TOP (1) [SignalR].[Messages_ChatHub_0_Id] SET @NewPayloadId = [PayloadId] = [PayloadId] + 1
        OUTPUT INSERTED.[PayloadId], ?, GETDATE() INTO [SignalR].[Messages_ChatHub_0] ([PayloadId], [Payload], [InsertedOn]);
        SELECT @NewPayloadId;""",
        dialect.sendStatement(TABLE));
  }

  @Test
  void readCountAndDeleteStatements() {
    assertEquals("SELECT [PayloadId] FROM [SignalR].[Messages_ChatHub_0_Id]", dialect.currentIdStatement(TABLE));
    assertEquals(
        "SELECT TOP (1000) [PayloadId], [Payload] FROM [SignalR].[Messages_ChatHub_0] WHERE [PayloadId] > ? ORDER BY [PayloadId]",
        dialect.readStatement(TABLE, 1000));
    assertEquals(
        "SELECT COUNT([PayloadId]), MIN([PayloadId]) FROM [SignalR].[Messages_ChatHub_0]",
        dialect.countStatement(TABLE));
    assertEquals(
        "DELETE FROM [SignalR].[Messages_ChatHub_0] WHERE [PayloadId] BETWEEN ? AND ?",
        dialect.deleteStatement(TABLE));
  }

  @Test
  void readersPoll() {
    assertEquals(null, dialect.wakeStatement(TABLE));
  }
}
