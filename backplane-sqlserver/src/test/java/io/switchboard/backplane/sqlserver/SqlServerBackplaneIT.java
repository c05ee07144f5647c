package io.switchboard.backplane.sqlserver;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.backplane.sql.ExternalDatabase;
import io.switchboard.backplane.sql.SqlBackplaneSuite;
import io.switchboard.backplane.sql.SqlDialect;
import io.switchboard.backplane.sql.TestDatabase;

/**
 * The SQL backplane's suite on the SQL Server that {@code SQLSERVER_URL} names (a JDBC URL with
 * credentials); skipped without it. The tests cannot stop that server nor lock a login out, so
 * those tests are skipped too.
 */
class SqlServerBackplaneIT extends SqlBackplaneSuite {
  private static final String URL = System.getenv("SQLSERVER_URL");

  @Override
  protected TestDatabase database() {
    assumeTrue(URL != null, "SQLSERVER_URL is not set (no SQL Server can be installed on this machine)");
    return new ExternalDatabase(URL, "SQLSERVER_URL names an external SQL Server, which the tests cannot stop");
  }

  @Override
  protected SqlDialect dialect() {
    return new SqlServerDialect();
  }
}
