package io.switchboard.backplane.sql;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * How the SQL backplane connects and lays out its tables; immutable, made by {@link #builder()}.
 *
 * <p>The connection is either a JDBC URL (the backplane then pools connections with HikariCP and
 * closes the pool on close) or a {@link DataSource} the application owns (a Spring one, say).
 * The table layout is IntelliTect's: schema {@code SignalR}, for each hub {@code tableCount}
 * tables {@code Messages_{slug}_{i}} with their {@code _Id} tables, the slug being the hub's
 * simple name. Every server of a hub, .NET ones included, must use the same schema, slug and
 * table count.
 */
public final class SqlBackplaneOptions {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final String jdbcUrl;
  private final DataSource dataSource;
  private final String schemaName;
  private final int tableCount;
  private final Function<String, String> tableSlug;
  private final boolean autoInstallSchema;
  private final int cleanUpEvery;
  private final int maxTableSize;
  private final Duration maxPollDelay;
  private final int maxPoolSize;
  private final Duration connectionTimeout;

  private SqlBackplaneOptions(Builder builder) {
    if ((builder.jdbcUrl == null) == (builder.dataSource == null)) {
      throw new IllegalArgumentException("Give either a JDBC URL or a DataSource");
    }
    this.jdbcUrl = builder.jdbcUrl;
    this.dataSource = builder.dataSource;
    this.schemaName = identifier(builder.schemaName, "schemaName");
    if (builder.tableCount < 1) {
      throw new IllegalArgumentException("tableCount must be at least 1");
    }
    this.tableCount = builder.tableCount;
    this.tableSlug = builder.tableSlug;
    this.autoInstallSchema = builder.autoInstallSchema;
    if (builder.cleanUpEvery < 1 || builder.maxTableSize < builder.cleanUpEvery) {
      throw new IllegalArgumentException("Need 1 <= cleanUpEvery <= maxTableSize");
    }
    this.cleanUpEvery = builder.cleanUpEvery;
    this.maxTableSize = builder.maxTableSize;
    this.maxPollDelay = builder.maxPollDelay;
    this.maxPoolSize = builder.maxPoolSize;
    this.connectionTimeout = builder.connectionTimeout;
  }

  /** A builder with IntelliTect's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The JDBC URL to pool connections to, or null when {@link #dataSource()} is given. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** The application's data source, or null when {@link #jdbcUrl()} is given. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** The database schema of every table (default {@code SignalR}). */
  public String schemaName() {
    return schemaName;
  }

  /** Message tables per hub (default 1). */
  public int tableCount() {
    return tableCount;
  }

  /**
   * The table slug of a hub, from its backplane name: the given function's, by default the
   * simple name (after the last {@code .}, {@code +} or {@code $}), as IntelliTect's {@code
   * type.Name}.
   *
   * @throws IllegalArgumentException when the slug is not a plain identifier
   */
  public String tableSlug(String hubName) {
    return identifier(tableSlug.apply(hubName), "table slug of hub " + hubName);
  }

  /** Whether the backplane creates its schema and tables where missing (default true). */
  public boolean autoInstallSchema() {
    return autoInstallSchema;
  }

  /** The clean-up runs when an id is a multiple of this (default 2,500). */
  public int cleanUpEvery() {
    return cleanUpEvery;
  }

  /**
   * A table of at least this many rows loses its oldest {@code cleanUpEvery + (rows -
   * maxTableSize)} at a clean-up (default 10,000): it keeps about 7,500 to 10,000 rows.
   */
  public int maxTableSize() {
    return maxTableSize;
  }

  /** The longest wait between two reads of an idle table (default 3 s, IntelliTect's). */
  public Duration maxPollDelay() {
    return maxPollDelay;
  }

  /** The pool's size when the backplane pools a JDBC URL itself (default 10). */
  public int maxPoolSize() {
    return maxPoolSize;
  }

  /**
   * How long taking a pooled connection may wait before the database counts as unreachable
   * (default 5 s; only for a pool of the backplane's own).
   */
  public Duration connectionTimeout() {
    return connectionTimeout;
  }

  private static String identifier(String value, String what) {
    if (value == null || !IDENTIFIER.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " must be letters, digits and underscores, not starting with a digit: " + value);
    }
    return value;
  }

  /** The simple name of a hub name: after its last {@code .}, {@code +} or {@code $}. */
  static String simpleName(String hubName) {
    int cut = Math.max(hubName.lastIndexOf('.'), Math.max(hubName.lastIndexOf('+'), hubName.lastIndexOf('$')));
    return hubName.substring(cut + 1);
  }

  /** Builds {@link SqlBackplaneOptions}. */
  public static final class Builder {
    private String jdbcUrl;
    private DataSource dataSource;
    private String schemaName = "SignalR";
    private int tableCount = 1;
    private Function<String, String> tableSlug = SqlBackplaneOptions::simpleName;
    private boolean autoInstallSchema = true;
    private int cleanUpEvery = 2_500;
    private int maxTableSize = 10_000;
    private Duration maxPollDelay = Duration.ofSeconds(3);
    private int maxPoolSize = 10;
    private Duration connectionTimeout = Duration.ofSeconds(5);

    private Builder() {}

    /** Connects to this JDBC URL (credentials in it or in the driver's properties). */
    public Builder jdbcUrl(String value) {
      jdbcUrl = Objects.requireNonNull(value);
      return this;
    }

    /** Uses the application's data source; the backplane never closes it. */
    public Builder dataSource(DataSource value) {
      dataSource = Objects.requireNonNull(value);
      return this;
    }

    /** Sets the schema name. */
    public Builder schemaName(String value) {
      schemaName = value;
      return this;
    }

    /** Sets the number of message tables per hub. */
    public Builder tableCount(int value) {
      tableCount = value;
      return this;
    }

    /** Sets how a hub's backplane name becomes its table slug. */
    public Builder tableSlug(Function<String, String> value) {
      tableSlug = Objects.requireNonNull(value);
      return this;
    }

    /** Turns the schema install off, for databases whose migrations own the schema. */
    public Builder autoInstallSchema(boolean value) {
      autoInstallSchema = value;
      return this;
    }

    /** Sets the clean-up thresholds (defaults 2,500 and 10,000, IntelliTect's). */
    public Builder cleanUp(int every, int maxTableSize) {
      this.cleanUpEvery = every;
      this.maxTableSize = maxTableSize;
      return this;
    }

    /** Caps the delay between reads of an idle table. */
    public Builder maxPollDelay(Duration value) {
      maxPollDelay = Objects.requireNonNull(value);
      return this;
    }

    /** Sets the size of the backplane's own pool. */
    public Builder maxPoolSize(int value) {
      maxPoolSize = value;
      return this;
    }

    /** Sets how long taking a connection of the backplane's own pool may wait. */
    public Builder connectionTimeout(Duration value) {
      connectionTimeout = Objects.requireNonNull(value);
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException when a value is out of range or a name not an identifier
     */
    public SqlBackplaneOptions build() {
      return new SqlBackplaneOptions(this);
    }
  }
}
