package io.switchboard.backplane.redis;

import static io.switchboard.backplane.testkit.ServerProcesses.freePort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.backplane.testkit.ServerProcesses;
import io.switchboard.backplane.testkit.StoppableServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis for the tests, found in this order: the {@code REDIS_URL} environment variable (an
 * external server, which tests cannot stop, nor reconfigure); {@code redis-server} on the PATH,
 * started on a free port; the binary shipped in the embedded-redis test artifact, started the same
 * way. A started server can be stopped and started again on the same port.
 */
final class TestRedis implements StoppableServer {
  private static final String EXTERNAL = System.getenv("REDIS_URL");
  private static final long READY_SECONDS = 30;

  private final Path binary;
  private final List<String> arguments;
  private final int port;
  private final boolean tls;
  private Process process;

  private TestRedis(Path binary, int port, boolean tls, List<String> extraArguments) throws IOException {
    this.binary = binary;
    this.port = port;
    this.tls = tls;
    Path directory = Files.createTempDirectory("switchboard-redis");
    this.arguments = new ArrayList<>();
    arguments.add(binary.toString());
    arguments.addAll(List.of("--bind", "127.0.0.1", "--save", "", "--appendonly", "no"));
    arguments.addAll(List.of("--dir", directory.toString()));
    arguments.addAll(tls ? List.of("--port", "0", "--tls-port", "" + port) : List.of("--port", "" + port));
    arguments.addAll(extraArguments);
  }

  /** The Redis to use when a test needs no control over the server. */
  static String sharedUri() throws Exception {
    return EXTERNAL != null ? EXTERNAL : Shared.INSTANCE.uri();
  }

  /** Starts a server this test controls; skipped when REDIS_URL names an external one. */
  static TestRedis launch(String... extraArguments) throws Exception {
    return launch(false, extraArguments);
  }

  /**
   * Starts a TLS-only server (arguments must name its certificate and key); skipped when the
   * binary was built without TLS.
   */
  static TestRedis launchTls(String... extraArguments) throws Exception {
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
    redis.start();
    return redis;
  }

  /** {@code redis://127.0.0.1:port}, or {@code rediss://} for TLS. */
  String uri() {
    return (tls ? "rediss" : "redis") + "://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  /** A backplane on this server. */
  @Override
  public RedisBackplane backplane() {
    return backplane(RedisBackplaneOptions.fromUri(uri()));
  }

  /** A backplane of the tests: it reconnects soon after its Redis is back. */
  static RedisBackplane backplane(RedisBackplaneOptions options) {
    return RedisBackplane.create(options.toBuilder().maxReconnectDelay(Duration.ofMillis(500)).build());
  }

  /** Starts the server (again) and waits until it accepts connections. */
  @Override
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

  /** Stops the server (SIGTERM) and waits for it to end. */
  @Override
  public void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(READY_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      process = null;
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  static Path findBinary() throws IOException {
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
      if (in == null) {
        throw new IllegalStateException("No redis-server on the PATH and no resource " + resource);
      }
      Path copy = Files.createTempFile("redis-server", "");
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
            redis.start();
            return redis;
          },
          redis -> redis.process.destroy());
    }
  }
}
