package io.switchboard.backplane.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * For tests that run a backplane's server program themselves: the program found on the PATH, a
 * free port for it, and one server that serves every test of the JVM.
 */
public final class ServerProcesses {
  private ServerProcesses() {}

  /** Ends a server when the JVM ends. */
  @FunctionalInterface
  public interface Stop<T> {
    /** Stops {@code server}; a failure is ignored (it may have stopped already). */
    void stop(T server) throws Exception;
  }

  /** The executable {@code name} in the first PATH directory that has one. */
  public static Optional<Path> onPath(String name) {
    for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(directory, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** A TCP port that nothing listened on a moment ago. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the server every test of this JVM shares, and has {@code stop} end it with the JVM. */
  public static <T> T startForTheJvm(Callable<T> start, Stop<T> stop) {
    T server;
    try {
      server = start.call();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("The tests' server did not start", e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        stop.stop(server);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        // already stopped
      }
    }));
    return server;
  }
}
