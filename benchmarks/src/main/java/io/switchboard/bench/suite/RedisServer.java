package io.switchboard.bench.suite;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Redis of S7: {@code REDIS_URL} if set (an external server: its CPU is not measured), else a
 * {@code redis-server} from the PATH started on a free loopback port, without persistence. A
 * started server inherits this process's CPU affinity (the load generator's core, performance.md
 * §4 rule 1) and is stopped by {@link #close}.
 */
final class RedisServer implements AutoCloseable {
  private static final long START_MILLIS = 10_000;

  private final String uri;
  private final Process process;

  private RedisServer(String uri, Process process) {
    this.uri = uri;
    this.process = process;
  }

  /** The Redis to use, or empty when REDIS_URL is unset and no redis-server is on the PATH. */
  static Optional<RedisServer> startOrFind(SuiteConfig config) throws IOException, InterruptedException {
    String external = System.getenv("REDIS_URL");
    if (external != null && !external.isBlank()) {
      return Optional.of(new RedisServer(external, null));
    }
    Optional<Path> binary = onPath("redis-server");
    if (binary.isEmpty()) {
      return Optional.empty();
    }
    int port = freePort();
    Files.createDirectories(config.out);
    Process process =
        new ProcessBuilder(
                List.of(
                    binary.get().toString(), "--bind", "127.0.0.1", "--port", Integer.toString(port),
                    "--save", "", "--appendonly", "no", "--dir", config.out.toAbsolutePath().toString()))
            .redirectErrorStream(true)
            .redirectOutput(config.out.resolve("redis.log").toFile())
            .start();
    RedisServer redis = new RedisServer("redis://127.0.0.1:" + port, process);
    if (!redis.awaitListening(port)) {
      redis.close();
      throw new IOException("redis-server did not listen within " + START_MILLIS + " ms; see " + config.out.resolve("redis.log"));
    }
    return Optional.of(redis);
  }

  /** {@code redis://127.0.0.1:<port>} or REDIS_URL. */
  String uri() {
    return uri;
  }

  /** The server's process id, or -1 for an external one. */
  long pid() {
    return process == null ? -1 : process.pid();
  }

  /** How this Redis was obtained, for a NOTE line. */
  String describe() {
    return process == null ? "external REDIS_URL (its CPU is not measured)" : "redis-server started on " + uri + ", pinned with the load generator";
  }

  private boolean awaitListening(int port) throws InterruptedException {
    long deadline = ScenarioContext.deadline(START_MILLIS);
    while (System.nanoTime() < deadline && process.isAlive()) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return true;
      } catch (IOException notYet) {
        Thread.sleep(20);
      }
    }
    return false;
  }

  private static Optional<Path> onPath(String name) {
    for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(directory, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }
}
