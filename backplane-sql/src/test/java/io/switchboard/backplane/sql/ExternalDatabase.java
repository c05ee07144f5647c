package io.switchboard.backplane.sql;

/** A database that an environment variable names: the tests cannot stop it nor add logins. */
public final class ExternalDatabase implements TestDatabase {
  private final String jdbcUrl;
  private final String whyNotRestartable;

  /** The database at {@code jdbcUrl} (with credentials); {@code whyNotRestartable} tells skipped tests why. */
  public ExternalDatabase(String jdbcUrl, String whyNotRestartable) {
    this.jdbcUrl = jdbcUrl;
    this.whyNotRestartable = whyNotRestartable;
  }

  @Override
  public String jdbcUrl() {
    return jdbcUrl;
  }

  @Override
  public String whyNotRestartable() {
    return whyNotRestartable;
  }

  @Override
  public void stop() {
    throw new UnsupportedOperationException(whyNotRestartable);
  }

  @Override
  public void start() {
    throw new UnsupportedOperationException(whyNotRestartable);
  }

  @Override
  public LockableLogin lockableLogin() {
    return null;
  }
}
