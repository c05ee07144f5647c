package io.switchboard.bench.suite;

import java.io.IOException;
import java.util.List;

/**
 * Server on CPU 0, load generator on the last CPU (performance.md §4 rule 1), with {@code
 * taskset}. Without taskset or with one CPU, nothing is pinned and the report says so.
 */
final class Pinning {
  private final boolean enabled;
  private final int clientCpu;

  private Pinning(boolean enabled, int clientCpu) {
    this.enabled = enabled;
    this.clientCpu = clientCpu;
  }

  /** Decides, and pins this process (every thread, and threads it starts later) to the client CPU. */
  static Pinning apply(SuiteConfig config) {
    int cpus = config.cpus;
    if (!config.pin) {
      config.notes.add("not pinned (--no-pin): server and load generator share every core");
      return new Pinning(false, -1);
    }
    if (cpus < 2) {
      config.notes.add("not pinned: only " + cpus + " CPU visible; server and load generator share it");
      return new Pinning(false, -1);
    }
    int clientCpu = cpus - 1;
    try {
      Process taskset =
          new ProcessBuilder(
                  "taskset", "-a", "-cp", Integer.toString(clientCpu), Long.toString(ProcessHandle.current().pid()))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (taskset.waitFor() != 0) {
        throw new IOException("taskset exited with " + taskset.exitValue());
      }
    } catch (IOException e) {
      config.notes.add("not pinned: " + e.getMessage());
      return new Pinning(false, -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Pinning(false, -1);
    }
    return new Pinning(true, clientCpu);
  }

  /** The command prefix that starts a server on CPU 0, or nothing. */
  List<String> serverPrefix() {
    return enabled ? List.of("taskset", "-c", "0") : List.of();
  }

  /** How the run was pinned, for the report. */
  String describe() {
    return enabled ? "server=cpu0 loadgen=cpu" + clientCpu : "unpinned";
  }
}
