package io.switchboard.backplane.postgres;

import static io.switchboard.backplane.testkit.ServerProcesses.freePort;

import io.switchboard.backplane.sql.ExternalDatabase;
import io.switchboard.backplane.sql.TestDatabase;
import io.switchboard.backplane.testkit.ServerProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for the tests: the one {@code POSTGRES_URL} names (a JDBC URL with
 * credentials, which tests cannot stop), or else a cluster of its own, made with {@code initdb}
 * in a temporary directory and run with {@code pg_ctl} on a free port, both found on the PATH or
 * in {@code /usr/lib/postgresql/<version>/bin}. PostgreSQL refuses to run as root: as root, the
 * cluster runs as the {@code postgres} system user (Debian's package creates it). One cluster
 * serves every test of the JVM and is stopped when it ends.
 */
final class TestPostgres implements TestDatabase {
  private static final String EXTERNAL = System.getenv("POSTGRES_URL");
  private static final long WAIT_SECONDS = 60;

  private final Path directory;
  private final int port;

  private TestPostgres(Path directory, int port) {
    this.directory = directory;
    this.port = port;
  }

  /** The database of the tests. */
  static TestDatabase get() {
    return EXTERNAL != null
        ? new ExternalDatabase(EXTERNAL, "POSTGRES_URL names an external PostgreSQL, which the tests cannot stop")
        : Shared.INSTANCE;
  }

  @Override
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  @Override
  public String whyNotRestartable() {
    return null;
  }

  @Override
  public void start() throws IOException, InterruptedException {
    run(pgBinary("pg_ctl"), "-D", data(), "-l", directory.resolve("log").toString(), "-w", "-t", "" + WAIT_SECONDS,
        "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1", "start");
  }

  @Override
  public void stop() throws IOException, InterruptedException {
    run(pgBinary("pg_ctl"), "-D", data(), "-m", "fast", "-w", "-t", "" + WAIT_SECONDS, "stop");
  }

  @Override
  public LockableLogin lockableLogin() throws SQLException {
    String role = "b_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE ROLE " + role + " LOGIN SUPERUSER");
    return new LockableLogin() {
      @Override
      public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + role;
      }

      @Override
      public void lockOut() throws SQLException {
        execute("ALTER ROLE " + role + " NOLOGIN");
        execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
      }

      @Override
      public void letIn() throws SQLException {
        execute("ALTER ROLE " + role + " LOGIN");
      }
    };
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Removes the cluster's directory (it must be stopped). */
  private void delete() throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  private String data() {
    return directory.resolve("data").toString();
  }

  private static TestPostgres create() throws IOException, InterruptedException {
    Path directory = Files.createTempDirectory("switchboard-postgres");
    if (asRoot()) {
      new ProcessBuilder("chown", "postgres:", directory.toString()).inheritIO().start().waitFor();
    }
    TestPostgres postgres = new TestPostgres(directory, freePort());
    run(pgBinary("initdb"), "-D", postgres.data(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
    postgres.start();
    return postgres;
  }

  /** Runs a PostgreSQL program, as the postgres user when this is root, and waits for it. */
  private static void run(String... command) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    if (asRoot()) {
      line.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    line.addAll(List.of(command));
    Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", line) + " failed:\n" + new String(output, StandardCharsets.UTF_8));
    }
  }

  private static boolean asRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** A PostgreSQL program from the PATH, else from the newest /usr/lib/postgresql/N/bin. */
  private static String pgBinary(String name) throws IOException {
    Optional<Path> onPath = ServerProcesses.onPath(name);
    if (onPath.isPresent()) {
      return onPath.get().toString();
    }
    Path installed = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(installed)) {
      try (Stream<Path> versions = Files.list(installed)) {
        Path found = versions
            .map(version -> version.resolve("bin").resolve(name))
            .filter(Files::isExecutable)
            .max(Comparator.comparing(path -> path.getParent().getParent().getFileName().toString(),
                Comparator.comparingInt(TestPostgres::versionNumber)))
            .orElse(null);
        if (found != null) {
          return found.toString();
        }
      }
    }
    throw new IllegalStateException("Neither POSTGRES_URL nor " + name + " (PATH, /usr/lib/postgresql/*/bin)");
  }

  private static int versionNumber(String version) {
    try {
      return Integer.parseInt(version.replaceAll("\\..*", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The cluster of this JVM's tests, stopped with it. */
  private static final class Shared {
    static final TestPostgres INSTANCE = startShared();

    private static TestPostgres startShared() {
      return ServerProcesses.startForTheJvm(
          TestPostgres::create,
          postgres -> {
            postgres.stop();
            postgres.delete();
          });
    }
  }
}
