package io.switchboard.bench.suite;

import io.switchboard.transport.netty.IoTransport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Durations and sizes of one suite run: {@code smoke} (about a second per scenario, for CI),
 * {@code short} (a few minutes, the default) or {@code full} (the durations of performance.md §4),
 * then command-line overrides. Connection counts are capped by the open-file limit.
 */
final class SuiteConfig {
  String mode = "short";
  long warmupMillis;
  long measureMillis;
  int echoConnections;
  int fanoutReceiversSmall;
  int fanoutReceiversLarge;
  int allToAllConnections;
  int idleConnections;
  int connectCount;
  /** CHURN: connect/disconnect cycles per transport, and negotiates never followed by a transport. */
  int churnCycles = 10_000;
  int churnNegotiates = 2_000;
  long churnSettleMillis = 25_000;
  long churnDisconnectWaitMillis = 20_000;
  /** Servers run Netty's paranoid leak detector and a server that reports a leak fails its scenario. */
  boolean leakCheck;
  int latencyConnections;
  int crossNodeReceivers;
  int[] fallbackReceivers = {100, 1_000};
  /** S10's variants: 10 k as performance.md says, 200 to reach the server's bound within the window. */
  int[] slowConsumerReceivers = {200, 10_000};
  /** S10 sends 2 KB, so that slow clients fill their buffers within a window (see SlowConsumerScenario). */
  int slowConsumerPayloadBytes = 2048;
  /** S10's measured window at least: slow clients are dropped only after the send timeout (10 s). */
  long slowConsumerMinMeasureMillis = 25_000;
  /** How long S10 goes on after its window for the server to drop the slow clients. */
  long slowConsumerDropWaitMillis = 20_000;
  long crossNodeWarmupMillis;
  long latencyWarmupMillis;
  long latencyMeasureMillis;
  int[] latencyPercents = {10, 50, 80};
  boolean largePayloads;
  int jmhForks;
  int jmhWarmupIterations;
  int jmhMeasureIterations;
  int jmhIterationMillis;
  boolean jfr;
  boolean check;
  /** Each Switchboard scenario runs twice, meters off then on, instead of against its ceiling. */
  boolean meters;
  boolean pin = true;
  int cpus;
  List<String> only = new ArrayList<>();
  IoTransport io = IoTransport.best();
  List<String> serverJvmArgs = new ArrayList<>(List.of("-Xms1g", "-Xmx2g", "-XX:+UseG1GC"));
  Path out = Path.of("target", "bench-out");
  final List<String> notes = new ArrayList<>();

  /** Parses {@code --mode smoke|short|full}, {@code --warmup s}, {@code --measure s}, {@code --jfr}, {@code --check}, {@code --meters}, {@code --leak-check}, {@code --no-pin}, {@code --only S1,S2}, {@code --out dir}, {@code --server-jvm-arg x}, {@code --io epoll|nio}. */
  static SuiteConfig parse(String[] args) {
    String mode = "short";
    for (int i = 0; i < args.length; i++) {
      if ("--mode".equals(args[i])) {
        mode = args[++i];
      }
    }
    SuiteConfig config = preset(mode);
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--mode" -> i++;
        case "--warmup" -> config.warmupMillis = seconds(args[++i]);
        case "--measure" -> config.measureMillis = seconds(args[++i]);
        case "--jfr" -> config.jfr = true;
        case "--check" -> config.check = true;
        case "--meters" -> config.meters = true;
        case "--leak-check" -> config.leakCheck = true;
        case "--no-pin" -> config.pin = false;
        case "--only" -> config.only.addAll(List.of(args[++i].split(",")));
        case "--out" -> config.out = Path.of(args[++i]);
        case "--server-jvm-arg" -> config.serverJvmArgs.add(args[++i]);
        case "--io" -> config.io = IoTransport.valueOf(args[++i].toUpperCase(Locale.ROOT));
        default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
      }
    }
    config.capConnections(OpenFiles.limit());
    return config;
  }

  private static long seconds(String value) {
    return Math.round(Double.parseDouble(value) * 1000);
  }

  private static SuiteConfig preset(String mode) {
    SuiteConfig c = new SuiteConfig();
    c.mode = mode;
    switch (mode) {
      case "smoke" -> {
        c.warmupMillis = 200;
        c.measureMillis = 500;
        c.latencyPercents = new int[] {50};
        c.serverJvmArgs = new ArrayList<>(List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-XX:TieredStopAtLevel=1"));
        c.echoConnections = 10;
        c.fanoutReceiversSmall = 50;
        c.fanoutReceiversLarge = 100;
        c.allToAllConnections = 10;
        c.idleConnections = 100;
        c.connectCount = 100;
        c.churnCycles = 200;
        c.churnNegotiates = 100;
        c.churnSettleMillis = 5_000;
        c.churnDisconnectWaitMillis = 0;
        c.latencyConnections = 20;
        c.crossNodeReceivers = 3;
        c.fallbackReceivers = new int[] {20};
        c.slowConsumerReceivers = new int[] {200};
        c.slowConsumerMinMeasureMillis = 0;
        c.slowConsumerDropWaitMillis = 0;
        c.crossNodeWarmupMillis = 200;
        c.latencyWarmupMillis = 200;
        c.latencyMeasureMillis = 400;
        c.jmhForks = 0;
        c.jmhWarmupIterations = 0;
        c.jmhMeasureIterations = 1;
        c.jmhIterationMillis = 100;
        c.notes.add("smoke mode: connection counts and durations scaled down; figures are not comparable");
      }
      case "short" -> {
        // Less than ~10 s leaves the server's JIT compiling through the window (2 s once gave an
        // eighth of the pipelined echo rate of a 20 s warm-up).
        c.warmupMillis = 10_000;
        c.measureMillis = 5_000;
        c.echoConnections = 100;
        c.fanoutReceiversSmall = 1_000;
        c.fanoutReceiversLarge = 10_000;
        c.allToAllConnections = 100;
        c.idleConnections = 5_000;
        c.connectCount = 3_000;
        c.latencyConnections = 1_000;
        c.crossNodeReceivers = 10;
        c.crossNodeWarmupMillis = 30_000;
        c.latencyWarmupMillis = 1_000;
        c.latencyMeasureMillis = 3_000;
        c.jmhForks = 1;
        c.jmhWarmupIterations = 2;
        c.jmhMeasureIterations = 3;
        c.jmhIterationMillis = 1_000;
      }
      case "full" -> {
        c.warmupMillis = 30_000;
        c.measureMillis = 60_000;
        c.echoConnections = 100;
        c.fanoutReceiversSmall = 1_000;
        c.fanoutReceiversLarge = 10_000;
        c.allToAllConnections = 100;
        c.idleConnections = 25_000;
        c.connectCount = 20_000;
        c.latencyConnections = 1_000;
        c.crossNodeReceivers = 10;
        c.crossNodeWarmupMillis = 30_000;
        c.latencyWarmupMillis = 10_000;
        c.latencyMeasureMillis = 30_000;
        c.largePayloads = true;
        c.slowConsumerDropWaitMillis = 60_000;
        c.jmhForks = 2;
        c.jmhWarmupIterations = 5;
        c.jmhMeasureIterations = 10;
        c.jmhIterationMillis = 1_000;
      }
      default -> throw new IllegalArgumentException("Unknown mode " + mode + " (smoke, short, full)");
    }
    return c;
  }

  /**
   * Both processes hold one descriptor per connection (the load generator up to two while it
   * negotiates); keep a margin under the limit rather than fail half-way.
   */
  private void capConnections(long openFileLimit) {
    int cap = (int) Math.max(100, openFileLimit - 1_000);
    fanoutReceiversLarge = capped("S2 large fan-out", fanoutReceiversLarge, cap, openFileLimit, "");
    for (int i = 0; i < slowConsumerReceivers.length; i++) {
      slowConsumerReceivers[i] = capped("S10", slowConsumerReceivers[i], cap, openFileLimit, "");
    }
    idleConnections =
        capped("S4", idleConnections, cap, openFileLimit, "; above ~28k also bind extra loopback source addresses");
  }

  /** {@code wanted} connections, or {@code cap} with a note saying why. */
  private int capped(String scenario, int wanted, int cap, long openFileLimit, String hint) {
    if (wanted <= cap) {
      return wanted;
    }
    notes.add(scenario + " scaled from " + wanted + " to " + cap
        + " connections: open-file limit " + openFileLimit + " (raise ulimit -n" + hint + ")");
    return cap;
  }

  /** Whether the scenario named {@code name} was selected by {@code --only}. */
  boolean selected(String name) {
    return only.isEmpty() || only.stream().anyMatch(prefix -> name.startsWith(prefix));
  }
}
