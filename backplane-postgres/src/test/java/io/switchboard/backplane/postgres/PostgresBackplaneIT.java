package io.switchboard.backplane.postgres;

import io.switchboard.backplane.sql.SqlBackplaneSuite;
import io.switchboard.backplane.sql.SqlDialect;
import io.switchboard.backplane.sql.TestDatabase;

/** The SQL backplane's suite on a real PostgreSQL (see {@link TestPostgres}). */
class PostgresBackplaneIT extends SqlBackplaneSuite {

  @Override
  protected TestDatabase database() {
    return TestPostgres.get();
  }

  @Override
  protected SqlDialect dialect() {
    return new PostgresDialect();
  }
}
