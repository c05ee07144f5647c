package io.switchboard.spring.boot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis for the tests: the {@code REDIS_URL} environment variable's, or a {@code
 * redis-server} from the PATH started on a free port and stopped by {@link #close()}.
 */
final class TestRedis implements AutoCloseable {
  private static final long READY_SECONDS = 30;

  private final String uri;
  private final Process process;

  private TestRedis(String uri, Process process) {
    this.uri = uri;
    this.process = process;
  }

  static TestRedis start() throws IOException, InterruptedException {
    String external = System.getenv("REDIS_URL");
    if (external != null) {
      return new TestRedis(external, null);
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process process =
        new ProcessBuilder(
                "redis-server",
                "--bind", "127.0.0.1",
                "--port", "" + port,
                "--save", "",
                "--appendonly", "no",
                "--dir", Files.createTempDirectory("switchboard-redis").toString())
            .redirectErrorStream(true)
            .start();
    CountDownLatch ready = new CountDownLatch(1);
    Thread reader = new Thread(() -> awaitReady(process, ready), "redis-output-" + port);
    reader.setDaemon(true);
    reader.start();
    if (!ready.await(READY_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("redis-server did not start on port " + port);
    }
    return new TestRedis("redis://127.0.0.1:" + port, process);
  }

  private static void awaitReady(Process process, CountDownLatch ready) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.contains("Ready to accept connections")) {
          ready.countDown();
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  String uri() {
    return uri;
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(READY_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
