package io.switchboard.backplane.sql;

/**
 * A real database for {@link SqlBackplaneSuite}, with whatever control the test has over it:
 * stopping and starting it, and locking one login out while the others go on.
 */
public interface TestDatabase {

  /** A JDBC URL with credentials. */
  String jdbcUrl();

  /** Why the database cannot be stopped and started by the test, or null when it can. */
  String whyNotRestartable();

  /** Stops the database and waits until it is down. */
  void stop() throws Exception;

  /** Starts the database again, on the same address, and waits until it accepts connections. */
  void start() throws Exception;

  /** A second login that can be locked out, or null when this database offers none. */
  LockableLogin lockableLogin() throws Exception;

  /** A login that can be locked out (its sessions ended, new ones refused) and let in again. */
  interface LockableLogin {
    /** A JDBC URL with this login's credentials. */
    String jdbcUrl();

    /** Refuses new sessions of this login and ends its current ones. */
    void lockOut() throws Exception;

    /** Accepts this login's sessions again. */
    void letIn() throws Exception;
  }
}
