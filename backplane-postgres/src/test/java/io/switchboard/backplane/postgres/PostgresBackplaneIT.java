package io.switchboard.backplane.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.switchboard.backplane.BackplaneHealthListener;
import io.switchboard.backplane.sql.SqlBackplane;
import io.switchboard.backplane.sql.SqlBackplaneOptions;
import io.switchboard.backplane.sql.SqlBackplaneSuite;
import io.switchboard.backplane.sql.SqlDialect;
import io.switchboard.backplane.sql.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The SQL backplane's suite on a real PostgreSQL (see {@link TestPostgres}), and a reset of the ids. */
class PostgresBackplaneIT extends SqlBackplaneSuite {
  private static final long PATIENCE_SECONDS = 60;

  @Override
  protected TestDatabase database() {
    return TestPostgres.get();
  }

  @Override
  protected SqlDialect dialect() {
    return new PostgresDialect();
  }

  @Test
  void idsThatStartOverAreReportedAndReadFrom() throws Exception {
    String url = TestPostgres.get().jdbcUrl();
    SqlBackplaneOptions options =
        SqlBackplaneOptions.builder().jdbcUrl(url).schemaName("reset_test").maxPollDelay(Duration.ofMillis(200)).build();
    BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    BlockingQueue<long[]> resets = new LinkedBlockingQueue<>();
    try (SqlBackplane backplane = PostgresBackplane.create(options)) {
      backplane.addHealthListener(
          new BackplaneHealthListener() {
            @Override
            public void healthChanged(boolean healthy) {}

            @Override
            public void messageRepeated(String stream, long lastRead, long counter) {
              resets.add(new long[] {lastRead, counter});
            }
          });
      backplane.subscribe("Reset:all", received::add).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
      for (int i = 0; i < 3; i++) {
        backplane.publish("Reset:all", envelope("before")).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertNotNull(received.poll(PATIENCE_SECONDS, TimeUnit.SECONDS));
      }

      // As a restore of an empty database would leave it.
      try (Connection connection = DriverManager.getConnection(url);
          Statement statement = connection.createStatement()) {
        statement.execute("DELETE FROM reset_test.\"Messages_Reset_0\"");
        statement.execute("UPDATE reset_test.\"Messages_Reset_0_Id\" SET \"PayloadId\" = 0");
      }
      long[] reset = resets.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
      assertNotNull(reset, "the reset was not reported");
      assertArrayEquals(new long[] {3, 0}, reset);

      backplane.publish("Reset:all", envelope("after")).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
      byte[] after = received.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
      assertNotNull(after, "the message after the reset was not read");
      assertArrayEquals(envelope("after"), after);
    }
  }

  /** An invocation envelope {@code [[], {"json": text}]} (texts of fewer than 256 bytes). */
  private static byte[] envelope(String text) {
    byte[] head = {(byte) 0x92, (byte) 0x90, (byte) 0x81, (byte) 0xA4, 'j', 's', 'o', 'n', (byte) 0xC4};
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    byte[] envelope = new byte[head.length + 1 + bytes.length];
    System.arraycopy(head, 0, envelope, 0, head.length);
    envelope[head.length] = (byte) bytes.length;
    System.arraycopy(bytes, 0, envelope, head.length + 1, bytes.length);
    return envelope;
  }
}
