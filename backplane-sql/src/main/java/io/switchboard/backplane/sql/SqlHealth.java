package io.switchboard.backplane.sql;

import io.switchboard.backplane.BackplaneHealthListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL backplane's health: healthy once the database answered and until an operation (a read,
 * an append) fails; the readers keep trying, so the next success ends the outage. An outage is logged once when it starts and once when it ends;
 * listeners hear of every change and of every gap or repeat in a table's ids.
 */
final class SqlHealth {
  private static final Logger log = LoggerFactory.getLogger(SqlBackplane.class);

  private final String database;
  private final List<BackplaneHealthListener> listeners = new CopyOnWriteArrayList<>();
  private boolean failing;
  private boolean answered;
  private boolean healthy;

  SqlHealth(String database) {
    this.database = database;
  }

  void addListener(BackplaneHealthListener listener) {
    listeners.add(listener);
  }

  synchronized boolean isHealthy() {
    return healthy;
  }

  /** Whether the last operation failed: appends then fail fast instead of waiting on the database. */
  synchronized boolean inOutage() {
    return failing;
  }

  /** An operation just worked. */
  void worked() {
    boolean changed;
    synchronized (this) {
      answered = true;
      failing = false;
      changed = update();
    }
    if (changed) {
      log.info("SQL backplane connected to {}", database);
      notifyListeners(true);
    }
  }

  /** An operation failed. */
  void failed(Exception cause) {
    boolean changed;
    boolean first;
    synchronized (this) {
      first = !failing;
      failing = true;
      changed = update();
    }
    if (first) {
      log.warn(
          "SQL backplane cannot use {} ({}): messages between servers wait in the tables until it is back; retrying",
          database,
          cause.toString());
    }
    if (changed) {
      notifyListeners(false);
    }
  }

  /** Ids {@code first} to {@code last} of {@code table} were never read. */
  void missed(MessageTable table, long first, long last) {
    log.error(
        "Missed message(s) of {}: expected payload id {} but got {}; they were removed before this server read them",
        table, first, last + 1);
    listeners.forEach(listener -> listener.messagesMissed(table.toString(), first, last));
  }

  /** The id counter of {@code table} went back to {@code counter} after this server read {@code lastRead}. */
  void repeated(MessageTable table, long lastRead, long counter) {
    log.warn(
        "Payload id reset in {}: last payload id read {}, the counter is now {}; reading on from it (ids up to {} may repeat)",
        table, lastRead, counter, lastRead);
    listeners.forEach(listener -> listener.messageRepeated(table.toString(), lastRead, counter));
  }

  private boolean update() {
    boolean now = answered && !failing;
    boolean changed = now != healthy;
    healthy = now;
    return changed;
  }

  private void notifyListeners(boolean value) {
    listeners.forEach(listener -> listener.healthChanged(value));
  }
}
