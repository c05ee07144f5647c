package io.switchboard.backplane.testkit;

import static io.switchboard.backplane.testkit.ServerProcesses.freePort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Redis for the tests, found in this order: the {@code REDIS_URL} environment variable (an
 * external server, which tests cannot stop, nor reconfigure); {@code redis-server} on the PATH,
 * started on a free port; the binary shipped in the embedded-redis test artifact, when it is on
 * the test classpath, started the same way (without either, the test is skipped). A started
 * server can be stopped and started again on the same port; closing it also deletes its
 * directory.
 */
public final class TestRedis implements AutoCloseable {
  private static final String EXTERNAL = System.getenv("REDIS_URL");
  private static final long READY_SECONDS = 30;

  private final Path directory;
  private final List<String> arguments;
  private final int port;
  private final boolean tls;
  private Process process;

  private TestRedis(Path binary, int port, boolean tls, List<String> extraArguments) throws IOException {
    this.port = port;
    this.tls = tls;
    this.directory = Files.createTempDirectory("switchboard-redis");
    this.arguments = new ArrayList<>();
    arguments.add(binary.toString());
    arguments.addAll(List.of("--bind", "127.0.0.1", "--save", "", "--appendonly", "no"));
    arguments.addAll(List.of("--dir", directory.toString()));
    arguments.addAll(tls ? List.of("--port", "0", "--tls-port", "" + port) : List.of("--port", "" + port));
    arguments.addAll(extraArguments);
  }

  /** The Redis to use when a test needs no control over the server. */
  public static String sharedUri() throws Exception {
    return EXTERNAL != null ? EXTERNAL : Shared.INSTANCE.uri();
  }

  /** Starts a server this test controls; skipped when REDIS_URL names an external one. */
  public static TestRedis launch(String... extraArguments) throws Exception {
    return launch(false, extraArguments);
  }

  /**
   * Starts a TLS-only server (arguments must name its certificate and key); skipped when the
   * binary was built without TLS.
   */
  public static TestRedis launchTls(String... extraArguments) throws Exception {
    try {
      return launch(true, extraArguments);
    } catch (IllegalStateException e) {
      assumeTrue(!e.getMessage().contains("Bad directive"), "redis-server was built without TLS");
      throw e;
    }
  }

  private static TestRedis launch(boolean tls, String... extraArguments) throws Exception {
    assumeTrue(EXTERNAL == null, "REDIS_URL names an external Redis, which this test cannot control");
    TestRedis redis = new TestRedis(findBinary(), freePort(), tls, List.of(extraArguments));
    redis.startOrDelete();
    return redis;
  }

  /** {@code redis://127.0.0.1:port}, or {@code rediss://} for TLS. */
  public String uri() {
    return (tls ? "rediss" : "redis") + "://127.0.0.1:" + port;
  }

  /** The port the server listens on (its TLS port for a TLS-only one). */
  public int port() {
    return port;
  }

  /** The server's working directory, which {@link #close()} deletes. */
  Path directory() {
    return directory;
  }

  /** Starts the server (again) and waits until it accepts connections. */
  public void start() throws IOException, InterruptedException {
    Process started = new ProcessBuilder(arguments).redirectErrorStream(true).start();
    CountDownLatch ready = new CountDownLatch(1);
    StringBuilder output = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  synchronized (output) {
                    output.append(line).append('\n');
                  }
                  if (line.contains("Ready to accept connections")) {
                    ready.countDown();
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "redis-output-" + port);
    reader.setDaemon(true);
    reader.start();
    if (!ready.await(READY_SECONDS, TimeUnit.SECONDS)) {
      started.destroyForcibly();
      synchronized (output) {
        throw new IllegalStateException("redis-server did not start:\n" + output);
      }
    }
    process = started;
  }

  /** The first start: a server that does not come up leaves no directory behind. */
  private void startOrDelete() throws IOException, InterruptedException {
    try {
      start();
    } catch (IOException | RuntimeException e) {
      deleteDirectory();
      throw e;
    }
  }

  /** Stops the server (SIGTERM) and waits for it to end. */
  public void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(READY_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      process = null;
    }
  }

  /** Stops the server and deletes its directory. */
  @Override
  public void close() throws InterruptedException {
    stop();
    deleteDirectory();
  }

  private void deleteDirectory() {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + directory, e);
    }
  }

  private static Path findBinary() throws IOException {
    Optional<Path> onPath = ServerProcesses.onPath("redis-server");
    return onPath.isPresent() ? onPath.get() : embeddedBinary();
  }

  /** The embedded-redis artifact's binary for this platform, copied out of the jar. */
  private static Path embeddedBinary() throws IOException {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String resource;
    if (os.contains("linux")) {
      resource = arch.contains("aarch64") || arch.contains("arm64")
          ? "/redis-server-6.2.7-linux-arm64"
          : "/redis-server-6.2.6-v5-linux-amd64";
    } else if (os.contains("mac")) {
      resource = arch.contains("aarch64") ? "/redis-server-6.2.6-v5-darwin-arm64" : "/redis-server-6.2.6-v5-darwin-amd64";
    } else {
      throw new IllegalStateException("No redis-server on the PATH and no embedded binary for " + os);
    }
    try (InputStream in = TestRedis.class.getResourceAsStream(resource)) {
      assumeTrue(in != null, "no redis-server on the PATH, nor the embedded-redis artifact's " + resource);
      Path copy = Files.createTempFile("redis-server", "");
      copy.toFile().deleteOnExit();
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      copy.toFile().setExecutable(true);
      return copy;
    }
  }

  /** One server for the tests that do not stop or reconfigure theirs, ended with the JVM. */
  private static final class Shared {
    static final TestRedis INSTANCE = startShared();

    private static TestRedis startShared() {
      return ServerProcesses.startForTheJvm(
          () -> {
            TestRedis redis = new TestRedis(findBinary(), freePort(), false, List.of());
            redis.startOrDelete();
            return redis;
          },
          TestRedis::close);
    }
  }
}
