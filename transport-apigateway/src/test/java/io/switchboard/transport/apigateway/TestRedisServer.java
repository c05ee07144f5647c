package io.switchboard.transport.apigateway;

import io.switchboard.backplane.testkit.ServerProcesses;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A {@code redis-server} from the PATH on a free port, for the two nodes of the tests. */
final class TestRedisServer implements AutoCloseable {
  private final Process process;
  private final int port;

  private TestRedisServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the server and waits until it accepts connections. */
  static TestRedisServer start() throws Exception {
    Path binary =
        ServerProcesses.onPath("redis-server")
            .orElseThrow(() -> new IllegalStateException("redis-server is not on the PATH"));
    int port = ServerProcesses.freePort();
    Path directory = Files.createTempDirectory("switchboard-apigateway-redis");
    Process process =
        new ProcessBuilder(
                binary.toString(), "--bind", "127.0.0.1", "--port", "" + port, "--save", "",
                "--appendonly", "no", "--dir", directory.toString())
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); ; line = out.readLine()) {
      if (line == null) {
        throw new IllegalStateException("redis-server exited: " + process.waitFor());
      }
      if (line.contains("Ready to accept connections")) {
        break;
      }
    }
    // Its later log lines are read and dropped: a full pipe would stall the server.
    Thread drain = new Thread(() -> drain(out), "redis-log");
    drain.setDaemon(true);
    drain.start();
    return new TestRedisServer(process, port);
  }

  private static void drain(BufferedReader out) {
    try {
      out.lines().forEach(line -> {});
    } catch (UncheckedIOException stopped) {
      // The server was stopped.
    }
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
