package io.switchboard.backplane.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection, on a thread of its own, that {@code LISTEN}s to the channel of every table the
 * backplane reads and wakes that table's reader when a notification comes: one pooled connection
 * for all tables, however many hubs. While the connection is down it reconnects every second and
 * the readers wait their polling delays, so nothing depends on a notification arriving.
 */
final class Notifications implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Notifications.class);
  private static final int RECEIVE_MILLIS = 250;
  private static final long RECONNECT_MILLIS = 1_000;
  private static final long LISTEN_WAIT_SECONDS = 5;

  private final DataSource dataSource;
  private final Map<String, Signal> signals = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean closed;

  Notifications(DataSource dataSource) {
    this.dataSource = dataSource;
    this.thread = new Thread(this::run, "switchboard-sql-listen");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * The signal of {@code channel}, listened to from now on. Waits a little until the LISTEN is in
   * place (not on an event loop: on a reader's thread), so that an append committed after this
   * returns wakes the reader.
   */
  Signal listen(String channel) throws InterruptedException {
    Signal signal = signals.computeIfAbsent(channel, name -> new Signal());
    signal.awaitListened(LISTEN_WAIT_SECONDS);
    return signal;
  }

  private void run() {
    while (!closed) {
      Set<String> listened = new HashSet<>();
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(true);
        PGConnection notifications = connection.unwrap(PGConnection.class);
        while (!closed) {
          listenToNew(connection, listened);
          PGNotification[] received = notifications.getNotifications(RECEIVE_MILLIS);
          if (received != null) {
            for (PGNotification notification : received) {
              Signal signal = signals.get(notification.getName());
              if (signal != null) {
                signal.fire();
              }
            }
          }
        }
      } catch (SQLException e) {
        if (!closed) {
          log.debug("LISTEN connection lost, readers poll until it is back: {}", e.toString());
        }
      }
      signals.values().forEach(Signal::unlistened);
      sleepBeforeReconnect();
    }
  }

  private void listenToNew(Connection connection, Set<String> listened) throws SQLException {
    for (Map.Entry<String, Signal> entry : signals.entrySet()) {
      if (listened.add(entry.getKey())) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN \"" + entry.getKey() + "\"");
        }
        entry.getValue().listened();
        entry.getValue().fire(); // rows may have come before the LISTEN: read once more
      }
    }
  }

  private void sleepBeforeReconnect() {
    if (closed) {
      return;
    }
    try {
      TimeUnit.MILLISECONDS.sleep(RECONNECT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  /** Stops listening; the thread ends after its current wait. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(LISTEN_WAIT_SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Wakes one table's reader; a wake-up that comes while it reads is kept for its next wait. */
  static final class Signal {
    private boolean fired;
    private boolean listened;

    synchronized void fire() {
      fired = true;
      notifyAll();
    }

    synchronized void listened() {
      listened = true;
      notifyAll();
    }

    synchronized void unlistened() {
      listened = false;
    }

    synchronized void awaitListened(long seconds) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (!listened && System.nanoTime() < deadline) {
        TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
      }
    }

    /** Returns when fired (since the last return) or after {@code millis}. */
    synchronized void await(long millis) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
      while (!fired) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      fired = false;
    }
  }
}
