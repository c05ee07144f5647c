package io.switchboard.backplane.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.backplane.sql.MessageTable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PostgreSQL statements as golden texts (the suite runs them on a real PostgreSQL). */
class PostgresDialectTest {
  private static final MessageTable TABLE = new MessageTable("SignalR", "Messages_ChatHub_0");
  private final PostgresDialect dialect = new PostgresDialect();

  @Test
  void installCreatesTheSameTablesInPostgresTypes() {
    assertEquals(
        """
        SELECT pg_advisory_xact_lock(hashtext('switchboard-sql-install'));
        CREATE SCHEMA IF NOT EXISTS "SignalR";
        CREATE TABLE IF NOT EXISTS "SignalR"."Schema" ("SchemaVersion" integer NOT NULL PRIMARY KEY);
        DO $$ BEGIN IF EXISTS (SELECT 1 FROM "SignalR"."Schema" WHERE "SchemaVersion" > 1) THEN RAISE EXCEPTION 'SignalR database current schema version is newer than 1, the version this backplane supports'; END IF; END $$;
        INSERT INTO "SignalR"."Schema" ("SchemaVersion") SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM "SignalR"."Schema");
        CREATE TABLE IF NOT EXISTS "SignalR"."Messages_ChatHub_0" ("PayloadId" bigint NOT NULL PRIMARY KEY, "Payload" bytea NOT NULL, "InsertedOn" timestamp NOT NULL);
        CREATE TABLE IF NOT EXISTS "SignalR"."Messages_ChatHub_0_Id" ("PayloadId" bigint NOT NULL PRIMARY KEY);
        INSERT INTO "SignalR"."Messages_ChatHub_0_Id" ("PayloadId") SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM "SignalR"."Messages_ChatHub_0_Id");
        """,
        dialect.installScript("SignalR", List.of(TABLE)));
  }

  @Test
  void sendUpdatesTheCounterAndInsertsInOneStatement() {
    assertEquals(
        "WITH next AS (UPDATE \"SignalR\".\"Messages_ChatHub_0_Id\" SET \"PayloadId\" = \"PayloadId\" + 1 RETURNING \"PayloadId\") "
            + "INSERT INTO \"SignalR\".\"Messages_ChatHub_0\" (\"PayloadId\", \"Payload\", \"InsertedOn\") "
            + "SELECT \"PayloadId\", ?, LOCALTIMESTAMP FROM next RETURNING \"PayloadId\"",
        dialect.sendStatement(TABLE));
    assertEquals("SELECT pg_notify('SignalR.Messages_ChatHub_0', '')", dialect.wakeStatement(TABLE));
  }

  @Test
  void readCountAndDeleteStatements() {
    assertEquals(
        "SELECT \"PayloadId\", \"Payload\" FROM \"SignalR\".\"Messages_ChatHub_0\" WHERE \"PayloadId\" > ? ORDER BY \"PayloadId\" LIMIT 1000",
        dialect.readStatement(TABLE, 1000));
    assertEquals("SELECT \"PayloadId\" FROM \"SignalR\".\"Messages_ChatHub_0_Id\"", dialect.currentIdStatement(TABLE));
    assertEquals(
        "SELECT COUNT(\"PayloadId\"), MIN(\"PayloadId\") FROM \"SignalR\".\"Messages_ChatHub_0\"",
        dialect.countStatement(TABLE));
    assertEquals(
        "DELETE FROM \"SignalR\".\"Messages_ChatHub_0\" WHERE \"PayloadId\" BETWEEN ? AND ?",
        dialect.deleteStatement(TABLE));
  }
}
