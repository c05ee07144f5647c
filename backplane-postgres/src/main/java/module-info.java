/** The SQL backplane on PostgreSQL, woken by LISTEN/NOTIFY. */
module io.switchboard.backplane.postgres {
  requires transitive io.switchboard.backplane.sql;
  requires org.postgresql.jdbc;
  requires org.slf4j;

  exports io.switchboard.backplane.postgres;
}
