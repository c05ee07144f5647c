package io.switchboard.bench.suite;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * S7pg's bus: {@code POSTGRES_URL} if set (an external database: its CPU is not measured), else a
 * PostgreSQL cluster made by {@code initdb} in a temporary directory and run by {@code pg_ctl} on
 * a free loopback port with PostgreSQL's default settings (both found on the PATH or in {@code
 * /usr/lib/postgresql/<version>/bin}; as root, run as the {@code postgres} user). It inherits the
 * load generator's CPU affinity. The backplane's tables are those of hub {@code BenchHub} in
 * schema {@code SignalR}: the probe counts their rows and measures their payloads.
 */
final class PostgresBus implements CrossNodeBus {
  private static final String TABLE = "\"SignalR\".\"Messages_BenchHub_0\"";
  private static final long WAIT_SECONDS = 60;

  private final String uri;
  private final Path directory;

  private PostgresBus(String uri, Path directory) {
    this.uri = uri;
    this.directory = directory;
  }

  /** The PostgreSQL of the suite, or empty when POSTGRES_URL is unset and no initdb can be found. */
  static Optional<CrossNodeBus> startOrFind(SuiteConfig config) throws Exception {
    String external = System.getenv("POSTGRES_URL");
    if (external != null && !external.isBlank()) {
      return Optional.of(new PostgresBus(external, null));
    }
    Optional<String> initdb = binary("initdb");
    Optional<String> pgCtl = binary("pg_ctl");
    if (initdb.isEmpty() || pgCtl.isEmpty()) {
      return Optional.empty();
    }
    Path directory = Files.createTempDirectory("switchboard-bench-postgres");
    if (asRoot()) {
      run(List.of("chown", "postgres:", directory.toString()), false);
    }
    int port = freePort();
    run(List.of(initdb.get(), "-D", directory.resolve("data").toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8"), true);
    run(List.of(pgCtl.get(), "-D", directory.resolve("data").toString(), "-l", directory.resolve("log").toString(), "-w",
        "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1", "start"), true);
    return Optional.of(new PostgresBus("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres", directory));
  }

  @Override
  public String uri() {
    return uri;
  }

  /** Not measured: the work is done by a backend process per connection, not by one process. */
  @Override
  public long pid() {
    return -1;
  }

  @Override
  public String describe() {
    return directory == null
        ? "external POSTGRES_URL (its CPU is not measured)"
        : "PostgreSQL cluster in " + directory + " with default settings (fsync and synchronous_commit on), pinned with the load generator; its CPU is spread over backends and not measured";
  }

  @Override
  public String version() throws SQLException {
    return "PostgreSQL " + query("SHOW server_version");
  }

  /** Rows appended to the hub's table: its id counter. */
  @Override
  public long publishCalls() throws SQLException {
    String count = query("SELECT \"PayloadId\" FROM \"SignalR\".\"Messages_BenchHub_0_Id\"");
    return count == null ? 0 : Long.parseLong(count);
  }

  @Override
  public int sizeOfNextMessage(Runnable trigger, long timeoutMillis) throws Exception {
    long before = publishCalls();
    trigger.run();
    long deadline = ScenarioContext.deadline(timeoutMillis);
    while (publishCalls() == before) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("No message was appended within " + timeoutMillis + " ms");
      }
      Thread.sleep(10);
    }
    return Integer.parseInt(query("SELECT octet_length(\"Payload\") FROM " + TABLE + " ORDER BY \"PayloadId\" DESC LIMIT 1"));
  }

  /** The first column of the first row, or null when there is none (or no table yet). */
  private String query(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(uri);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      return result.next() ? result.getString(1) : null;
    } catch (SQLException e) {
      if ("42P01".equals(e.getSQLState())) { // undefined table: nothing appended yet
        return null;
      }
      throw e;
    }
  }

  @Override
  public void close() throws Exception {
    if (directory == null) {
      return;
    }
    run(List.of(binary("pg_ctl").orElseThrow(), "-D", directory.resolve("data").toString(), "-m", "fast", "-w", "stop"), true);
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  private static void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    if (asPostgres && asRoot()) {
      line.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    line.addAll(command);
    Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", line) + " failed: " + new String(output, StandardCharsets.UTF_8));
    }
  }

  private static boolean asRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static Optional<String> binary(String name) throws IOException {
    for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(directory, name))) {
        return Optional.of(Path.of(directory, name).toString());
      }
    }
    Path installed = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(installed)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(installed)) {
      return versions
          .sorted(Comparator.comparingInt(PostgresBus::major).reversed())
          .map(version -> version.resolve("bin").resolve(name))
          .filter(Files::isExecutable)
          .map(Path::toString)
          .findFirst();
    }
  }

  private static int major(Path version) {
    try {
      return Integer.parseInt(version.getFileName().toString().replaceAll("\\..*", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
