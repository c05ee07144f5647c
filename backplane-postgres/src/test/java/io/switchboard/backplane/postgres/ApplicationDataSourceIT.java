package io.switchboard.backplane.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.backplane.sql.SqlBackplane;
import io.switchboard.backplane.sql.SqlBackplaneOptions;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The backplane on a data source the application owns: used as given, and left open on close. */
class ApplicationDataSourceIT {
  private static final long PATIENCE_SECONDS = 60;
  private static final byte[] ENVELOPE = {(byte) 0x92, (byte) 0x90, (byte) 0x80};

  @Test
  void messagesGoThroughTheApplicationsDataSource() throws Exception {
    try (HikariDataSource application = new HikariDataSource()) {
      application.setJdbcUrl(TestPostgres.get().jdbcUrl());
      SqlBackplaneOptions options =
          SqlBackplaneOptions.builder().dataSource(application).schemaName("datasource_test").build();
      BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
      try (SqlBackplane backplane = PostgresBackplane.create(options)) {
        backplane.subscribe("Hub:all", received::add).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        backplane.publish("Hub:all", ENVELOPE).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertArrayEquals(ENVELOPE, received.poll(PATIENCE_SECONDS, TimeUnit.SECONDS));
      }
      assertFalse(application.isClosed(), "the backplane closed the application's data source");
    }
  }
}
