package io.switchboard.backplane.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.backplane.Backplane;
import io.switchboard.backplane.BackplaneHealthListener;
import io.switchboard.backplane.BackplaneUnavailableException;
import io.switchboard.backplane.ScaleOutHubLifetimeManager;
import io.switchboard.backplane.ScaleOutOptions;
import io.switchboard.backplane.internal.ChannelDispatcher;
import io.switchboard.hub.Hub;
import io.switchboard.hub.HubOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * A {@link Backplane} over message tables in a SQL database, written once over JDBC; a {@link
 * SqlDialect} gives each database's statements and wake-up (see the PostgreSQL and SQL Server
 * modules, whose factories create it). The tables and payloads are those of IntelliTect's SQL
 * Server backplane ({@code IntelliTect.AspNetCore.SignalR.SqlServer}, see {@link SqlPayloads}).
 *
 * <p>How it works: every server appends each message to a table of the hub (one statement takes
 * the next id from the table's {@code _Id} row and inserts the row, so ids become visible in
 * commit order), and every server reads every table of its hubs, after the last id it read, and
 * hands each message to its channel's handler; messages nobody here subscribed to are dropped.
 * Appends of one table go in publish order on one thread per table, reads on another, handlers
 * run off both, in order per channel.
 *
 * <p><b>Guarantees, beyond Redis's.</b> Ordered per channel and publisher (per publisher
 * altogether with one table). A server cut off from the database keeps its last id per table and,
 * when the database is back, reads on from it: nothing is lost while the rows are retained (the
 * clean-up keeps 7,500 to 10,000 rows per table by default). Rows removed before a server read
 * them, and an id counter that went back (a restored database; reading goes on from it), are
 * logged and reported to {@link BackplaneHealthListener#messagesMissed} and {@link
 * BackplaneHealthListener#messageRepeated}.
 * While the database cannot be used, the backplane is unhealthy and publishes fail at once with
 * {@link BackplaneUnavailableException} (they were not appended). A server starts reading after
 * the rows present when it starts: there is no replay across its own restarts.
 */
public final class SqlBackplane implements Backplane {
  private final SqlBackplaneOptions options;
  private final SqlDialect dialect;
  private final DataSource dataSource;
  private final HikariDataSource ownPool;
  private final SqlHealth health;
  private final Map<String, Consumer<byte[]>> handlers = new ConcurrentHashMap<>();
  private final Map<String, HubTables> hubs = new HashMap<>();
  private final Map<String, String> hubsBySlug = new HashMap<>();
  private final ExecutorService handlerThreads = ChannelDispatcher.daemonThreads("switchboard-sql");
  private final ChannelDispatcher dispatcher = new ChannelDispatcher(handlerThreads);
  private boolean closed;

  private SqlBackplane(SqlBackplaneOptions options, SqlDialect dialect) {
    this.options = options;
    this.dialect = dialect;
    if (options.dataSource() != null) {
      this.ownPool = null;
      this.dataSource = options.dataSource();
      this.health = new SqlHealth(dialect.name() + " (the application's data source)");
    } else {
      this.ownPool = pool(options);
      this.dataSource = ownPool;
      this.health = new SqlHealth(dialect.name() + " at " + withoutCredentials(options.jdbcUrl()));
    }
  }

  /**
   * A backplane on {@code dialect}'s database. It starts while the database is down and connects
   * when it is up; each hub's tables are read from its first subscription.
   */
  public static SqlBackplane create(SqlBackplaneOptions options, SqlDialect dialect) {
    return new SqlBackplane(options, dialect);
  }

  private static HikariDataSource pool(SqlBackplaneOptions options) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(options.jdbcUrl());
    config.setPoolName("switchboard-sql");
    config.setMaximumPoolSize(options.maxPoolSize());
    config.setMinimumIdle(1);
    config.setConnectionTimeout(options.connectionTimeout().toMillis());
    config.setInitializationFailTimeout(-1); // start while the database is down
    return new HikariDataSource(config);
  }

  private static String withoutCredentials(String jdbcUrl) {
    int query = jdbcUrl.indexOf('?');
    int semicolon = jdbcUrl.indexOf(';');
    int cut = query < 0 ? semicolon : semicolon < 0 ? query : Math.min(query, semicolon);
    return cut < 0 ? jdbcUrl : jdbcUrl.substring(0, cut);
  }

  /**
   * The hub's lifetime manager; its tables are read from now on.
   *
   * @throws IllegalStateException when another hub of this backplane has the same table slug
   * @throws IllegalArgumentException when the hub's slug is not a plain identifier
   */
  @Override
  public ScaleOutHubLifetimeManager lifetimeManager(Class<? extends Hub> hubClass, HubOptions options) {
    return lifetimeManager(ScaleOutOptions.forHub(hubClass).hubName(), options);
  }

  /**
   * The lifetime manager of the hub of this backplane name; its tables are read from now on.
   *
   * @throws IllegalStateException when another hub of this backplane has the same table slug
   * @throws IllegalArgumentException when the hub's slug is not a plain identifier
   */
  @Override
  public ScaleOutHubLifetimeManager lifetimeManager(String hubName, HubOptions options) {
    hub(hubName);
    return Backplane.super.lifetimeManager(hubName, options);
  }

  @Override
  public CompletableFuture<Void> subscribe(String channel, Consumer<byte[]> handler) {
    handlers.put(channel, handler);
    HubTables tables;
    try {
      tables = hub(SqlPayloads.hubOf(channel));
    } catch (IllegalArgumentException | IllegalStateException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (!tables.started().isDone() && health.inOutage()) {
      return CompletableFuture.failedFuture(new BackplaneUnavailableException("The database is not reachable."));
    }
    return tables.started();
  }

  @Override
  public CompletableFuture<Void> unsubscribe(String channel) {
    handlers.remove(channel);
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Appends the message to its hub's table.
   *
   * @return -1 once appended: which servers read it is not known
   */
  @Override
  public CompletableFuture<Long> publish(String channel, byte[] message) {
    try {
      byte[] payload = SqlPayloads.toPayload(channel, message);
      return hub(SqlPayloads.hubOf(channel)).append(channel, payload).thenApply(id -> -1L);
    } catch (IllegalArgumentException | IllegalStateException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public boolean isHealthy() {
    return health.isHealthy();
  }

  @Override
  public void addHealthListener(BackplaneHealthListener listener) {
    health.addListener(listener);
  }

  /** Stops every reader and writer, then closes the pool when it is the backplane's own. */
  @Override
  public void close() {
    synchronized (hubs) {
      closed = true;
      hubs.values().forEach(HubTables::close);
      hubs.clear();
    }
    dialect.close();
    handlerThreads.shutdownNow();
    if (ownPool != null) {
      ownPool.close();
    }
  }

  private HubTables hub(String hubName) {
    synchronized (hubs) {
      if (closed) {
        throw new IllegalStateException("The SQL backplane is closed.");
      }
      HubTables tables = hubs.get(hubName);
      if (tables == null) {
        String slug = options.tableSlug(hubName);
        String other = hubsBySlug.putIfAbsent(slug, hubName);
        if (other != null) {
          throw new IllegalStateException(
              "Hubs " + other + " and " + hubName + " would share the tables Messages_" + slug
                  + "_*: give one of them another slug (SqlBackplaneOptions.Builder.tableSlug)");
        }
        tables = new HubTables(hubName, dataSource, dialect, options, health, this::deliver);
        hubs.put(hubName, tables);
      }
      return tables;
    }
  }

  /** Hands a message read to its channel's handler, in order per channel, off the reader. */
  private void deliver(String channel, byte[] envelope) {
    if (!handlers.containsKey(channel)) {
      return;
    }
    dispatcher.dispatch(
        channel,
        () -> {
          Consumer<byte[]> handler = handlers.get(channel);
          if (handler != null) {
            handler.accept(envelope);
          }
        });
  }
}
