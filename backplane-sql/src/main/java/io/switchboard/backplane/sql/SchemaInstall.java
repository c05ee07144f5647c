package io.switchboard.backplane.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs one hub's tables (the dialect's script), once, before its first read or write; when
 * the install is off, there is nothing to do. Retried on the next use when it failed.
 */
final class SchemaInstall {
  private static final Logger log = LoggerFactory.getLogger(SchemaInstall.class);

  private final String script;
  private final String hubName;
  private volatile boolean done;

  SchemaInstall(SqlDialect dialect, SqlBackplaneOptions options, String hubName, List<MessageTable> tables) {
    this.script = options.autoInstallSchema() ? dialect.installScript(options.schemaName(), tables) : null;
    this.hubName = hubName;
    this.done = script == null;
  }

  void ensure(Connection connection) throws SQLException {
    if (done) {
      return;
    }
    synchronized (this) {
      if (done) {
        return;
      }
      boolean autoCommit = connection.getAutoCommit();
      try (Statement statement = connection.createStatement()) {
        connection.setAutoCommit(false);
        statement.execute(script);
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
      done = true;
      log.info("SQL backplane tables of hub {} installed", hubName);
    }
  }
}
