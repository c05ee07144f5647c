/** The SQL backplane on SQL Server. */
module io.switchboard.backplane.sqlserver {
  requires transitive io.switchboard.backplane.sql;
  // The JDBC driver, found by the data source through java.sql's service loader.
  requires com.microsoft.sqlserver.jdbc;

  exports io.switchboard.backplane.sqlserver;
}
