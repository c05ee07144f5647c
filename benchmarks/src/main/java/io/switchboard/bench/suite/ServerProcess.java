package io.switchboard.bench.suite;

import io.switchboard.bench.server.ServerMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server JVM started for one run of one scenario, pinned to CPU 0, speaking {@link
 * io.switchboard.bench.server.ServerControl}'s line protocol; its CPU time and RSS come from
 * /proc/&lt;pid&gt;, its GC pauses from its {@code -Xlog:gc} file.
 */
final class ServerProcess implements AutoCloseable {
  private static final Pattern PAUSE = Pattern.compile("Pause.* ([0-9.]+)ms");
  private static final Pattern DROPPED = Pattern.compile("DROPPED ([0-9]+) outbound_limit=([0-9]+) send_timeout=([0-9]+)");
  private static final Pattern MEMORY = Pattern.compile("heap=(-?[0-9]+) direct=(-?[0-9]+)");

  private final Process process;
  private final BufferedReader out;
  private final PrintWriter in;
  private final int port;
  private final Path gcLog;
  private final Path log;
  private final boolean leakCheck;

  private ServerProcess(
      Process process, BufferedReader out, PrintWriter in, int port, Path gcLog, Path log, boolean leakCheck) {
    this.process = process;
    this.out = out;
    this.in = in;
    this.port = port;
    this.gcLog = gcLog;
    this.log = log;
    this.leakCheck = leakCheck;
  }

  /** Starts a server of {@code kind} and waits until it listens. */
  static ServerProcess start(ServerKind kind, String label, SuiteConfig config, Pinning pinning)
      throws IOException {
    return start(kind, label, config, pinning, List.of());
  }

  /** Starts a server of {@code kind} with more arguments for {@code ServerMain}, and waits until it listens. */
  static ServerProcess start(
      ServerKind kind, String label, SuiteConfig config, Pinning pinning, List<String> arguments)
      throws IOException {
    Files.createDirectories(config.out);
    Path gcLog = config.out.resolve(label + "-gc.log");
    List<String> command = new ArrayList<>(pinning.serverPrefix());
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(config.serverJvmArgs);
    // Measuring runs track no buffer; under --leak-check every buffer, with a collection every
    // second so that leaked ones are reported while the scenario runs (see close()).
    command.addAll(
        config.leakCheck
            ? List.of("-Dio.netty.leakDetection.level=paranoid", "-XX:G1PeriodicGCInterval=1000")
            : List.of("-Dio.netty.leakDetection.level=disabled"));
    command.add("-D" + ServerMain.IO_PROPERTY + "=" + config.io);
    command.add("-Xlog:gc:file=" + gcLog);
    if (config.jfr) {
      command.add("-XX:StartFlightRecording=filename=" + config.out.resolve(label + ".jfr") + ",settings=profile");
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ServerMain.class.getName());
    command.add(kind.argument());
    command.addAll(arguments);
    Path log = config.out.resolve(label + ".log");
    Files.deleteIfExists(log); // the leak check reads this run's lines only
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    PrintWriter in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    String line;
    while ((line = out.readLine()) != null && !line.startsWith("READY port=")) {
      // JFR and the JVM may print first.
    }
    if (line == null) {
      process.destroyForcibly();
      throw new IOException("Server " + label + " did not start; see " + log);
    }
    return new ServerProcess(process, out, in, Integer.parseInt(line.substring("READY port=".length())), gcLog, log,
        config.leakCheck);
  }

  int port() {
    return port;
  }

  /** User plus system CPU time of the whole server process so far, in nanoseconds. */
  long cpuNanos() {
    return ProcStat.cpuNanos(process.pid());
  }

  /** Voluntary plus involuntary context switches of all the server's threads so far, or -1. */
  long contextSwitches() {
    long sum = 0;
    try (var tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        for (String line : Files.readAllLines(task.resolve("status"))) {
          if (line.contains("ctxt_switches:")) {
            sum += Long.parseLong(line.replaceAll("[^0-9]", ""));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return sum;
  }

  /** Resident set size in bytes, or -1. */
  long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** Heap in use after full collections, in bytes. */
  long heapAfterGc() throws IOException {
    command("heap");
    return Long.parseLong(awaitLine("HEAP ").substring(5).trim());
  }

  /** Heap in use now (garbage included) and Netty's direct memory, in bytes: {@code [heap, direct]}. */
  long[] memoryNow() throws IOException {
    command("memory");
    Matcher m = MEMORY.matcher(awaitLine("MEMORY "));
    if (!m.find()) {
      throw new IOException("Unexpected MEMORY line");
    }
    return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
  }

  /**
   * How many hub connections ended with an error so far, then how many of them for exceeding the
   * outbound limit and for the send timeout (Switchboard only): {@code [total, limit, timeout]}.
   */
  long[] droppedConnections() throws IOException {
    command("dropped");
    Matcher m = DROPPED.matcher(awaitLine("DROPPED "));
    if (!m.find()) {
      throw new IOException("Unexpected DROPPED line");
    }
    return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
  }

  /** Sends one command line of {@link io.switchboard.bench.server.ServerControl}'s protocol. */
  void command(String line) {
    in.println(line);
  }

  /**
   * Reads the server's output up to the next line starting with {@code prefix}, and returns it;
   * fails on an {@code ERROR} line.
   */
  String awaitLine(String prefix) throws IOException {
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith(prefix)) {
        return line;
      }
      if (line.startsWith("ERROR ")) {
        throw new IOException("Server answered " + line);
      }
    }
    throw new IOException("Server ended while the suite waited for " + prefix.trim());
  }

  /** The longest GC pause in the log so far, in milliseconds (0 if none). */
  double maxGcPauseMillis() {
    double max = 0;
    try {
      for (String line : Files.readAllLines(gcLog)) {
        Matcher m = PAUSE.matcher(line);
        if (m.find()) {
          max = Math.max(max, Double.parseDouble(m.group(1)));
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return max;
  }

  /**
   * Stops the server. Under {@code --leak-check}, first lets it report what leaked (the {@code
   * heap} command collects garbage, then tracks a buffer, which makes Netty report what the
   * collections found), and fails when its log has a {@code LEAK:} line.
   */
  @Override
  public void close() throws InterruptedException, IOException {
    if (leakCheck && process.isAlive()) {
      heapAfterGc();
    }
    in.println("quit");
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    if (!leakCheck) {
      return;
    }
    List<String> leaks = Files.readAllLines(log).stream().filter(line -> line.contains("LEAK:")).toList();
    if (!leaks.isEmpty()) {
      throw new IOException("Server reported " + leaks.size() + " buffer leak(s), see " + log + ": " + leaks.get(0));
    }
  }
}
