package io.switchboard.backplane.postgres;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchboard.backplane.sql.SqlBackplane;
import io.switchboard.backplane.sql.SqlBackplaneOptions;
import io.switchboard.hub.HubOptions;
import org.junit.jupiter.api.Test;

/** Two hubs whose tables would be the same are refused when the second is mounted, not silently mixed. */
class TableSlugIT {

  @Test
  void hubsWithTheSameSimpleNameNeedSlugsOfTheirOwn() throws Exception {
    SqlBackplaneOptions options =
        SqlBackplaneOptions.builder().jdbcUrl(TestPostgres.get().jdbcUrl()).schemaName("slug_test").build();
    try (SqlBackplane backplane = PostgresBackplane.create(options)) {
      backplane.lifetimeManager("app.one.ChatHub", HubOptions.defaults()).close();
      assertThrows(IllegalStateException.class, () -> backplane.lifetimeManager("app.two.ChatHub", HubOptions.defaults()));
    }
  }
}
