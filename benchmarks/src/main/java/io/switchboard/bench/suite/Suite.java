package io.switchboard.bench.suite;

import io.switchboard.bench.client.FallbackTransport;
import io.switchboard.bench.client.LoadClient;
import io.switchboard.bench.client.WireFormat;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one command: runs every scenario of performance.md §4 against Switchboard and against its
 * raw-Netty ceiling, with the server pinned to CPU 0 and this process (the load generator) to the
 * last CPU, and prints one RESULT line per figure. See BENCHMARKS.md.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.switchboard.bench.suite.Suite [--mode
 * smoke|short|full] [--only S1,S6] [--jfr] [--check] [--warmup s] [--measure s]}.
 */
public final class Suite {
  private static final double FALLBACK_ECHO_RATE = 5_000;

  private final SuiteConfig config;
  private final Pinning pinning;
  private final Report report = new Report();
  private final Map<String, Double> switchboardFigures = new HashMap<>();

  private Suite(SuiteConfig config, Pinning pinning) {
    this.config = config;
    this.pinning = pinning;
  }

  /** Runs the suite; exits 1 under {@code --check} when a RESULT line is missing or unsound. */
  public static void main(String[] args) throws Exception {
    SuiteConfig config = SuiteConfig.parse(args);
    config.cpus = Runtime.getRuntime().availableProcessors();
    Suite suite = new Suite(config, Pinning.apply(config));
    suite.describeMachine();
    long start = System.nanoTime();
    suite.runAll();
    suite.report.note(String.format("suite took %.0f s", (System.nanoTime() - start) / 1e9));
    List<String> problems = suite.report.problems();
    if (config.check && !problems.isEmpty()) {
      problems.forEach(p -> System.out.println("CHECK FAILED " + p));
      System.exit(1);
    }
    if (config.check) {
      System.out.println("CHECK OK every RESULT line has its figures");
    }
    System.exit(0);
  }

  /**
   * Every scenario of the mode. The smoke keeps one variant of each (both protocols still appear;
   * S9 over SSE only), so that it stays within a few tens of seconds.
   */
  private List<Scenario> scenarios() {
    boolean all = !"smoke".equals(config.mode);
    List<Scenario> list = new ArrayList<>();
    for (WireFormat format : WireFormat.values()) {
      String p = short_(format);
      addIf(list, format == WireFormat.JSON || all, new EchoScenario("S1-" + p, format, 32, 1));
      addIf(list, format == WireFormat.MESSAGEPACK || all, new EchoScenario("S1-" + p + "-pipelined16", format, 32, 16));
      addIf(list, config.largePayloads, new EchoScenario("S1-" + p + "-1KB", format, 1024, 1));
    }
    addIf(list, all, new FanoutScenario("S2-" + k(config.fanoutReceiversSmall) + "-json", WireFormat.JSON, c -> c.fanoutReceiversSmall, false, 32, 16));
    for (WireFormat format : WireFormat.values()) {
      addIf(list, format == WireFormat.JSON || all,
          new FanoutScenario("S2-" + k(config.fanoutReceiversLarge) + "-" + short_(format), format, c -> c.fanoutReceiversLarge, false, 32, 16));
    }
    addIf(list, config.largePayloads,
        new FanoutScenario("S2-" + k(config.fanoutReceiversLarge) + "-json-2KB", WireFormat.JSON, c -> c.fanoutReceiversLarge, false, 2048, 8));
    list.add(new FanoutScenario("S3-json", WireFormat.JSON, c -> c.allToAllConnections, true, 32, 32));
    addIf(list, config.largePayloads,
        new FanoutScenario("S3-msgpack", WireFormat.MESSAGEPACK, c -> c.allToAllConnections, true, 32, 32));
    list.add(new IdleScenario());
    list.add(new ConnectRateScenario());
    list.add(new LatencyScenario(WireFormat.JSON, () -> switchboardFigures.getOrDefault("S1-json", FALLBACK_ECHO_RATE)));
    addIf(list, config.largePayloads,
        new LatencyScenario(WireFormat.MESSAGEPACK, () -> switchboardFigures.getOrDefault("S1-msgpack", FALLBACK_ECHO_RATE)));
    for (int n : config.slowConsumerReceivers) {
      list.add(new SlowConsumerScenario("S10-" + k(n), n, 1, config.slowConsumerPayloadBytes, 16));
    }
    for (int n : config.fallbackReceivers) {
      // S2's shape at S9's N: the WebSocket figure the fallback transports are judged against.
      addIf(list, all, new FanoutScenario(webSocketName(n), WireFormat.JSON, c -> n, false, 32, 16));
      for (FallbackTransport transport : FallbackTransport.values()) {
        addIf(list, all || transport == FallbackTransport.SERVER_SENT_EVENTS,
            new FallbackFanoutScenario(fallbackName(transport, n), transport, n, 16));
      }
    }
    return list;
  }

  private static void addIf(List<Scenario> list, boolean condition, Scenario scenario) {
    if (condition) {
      list.add(scenario);
    }
  }

  private void runAll() throws Exception {
    try (LoadClient client = new LoadClient(config.io)) {
      for (Scenario scenario : scenarios()) {
        if (config.selected(scenario.name())) {
          runBoth(client, scenario);
        }
      }
      compareWithWebSockets();
      // Each runs the variants --only selects.
      new CrossNodeScenario(config, pinning, report, CrossNodeScenario.REDIS).run(client);
      new CrossNodeScenario(config, pinning, report, CrossNodeScenario.POSTGRES).run(client);
      new ChurnScenario(config, pinning, report).run(client);
    }
    if (config.selected("S8")) {
      try {
        CodecBenchmarks.run(config, report);
      } catch (Exception | LinkageError e) {
        report.failed("S8", e.toString());
      }
    }
  }

  /**
   * S9's goals compare each fallback transport with WebSockets at the same N, on Switchboard: one
   * RESULT line per pair that ran, the WebSocket figure in the ceiling's place.
   */
  private void compareWithWebSockets() {
    boolean noted = false;
    for (int n : config.fallbackReceivers) {
      Double webSockets = switchboardFigures.get(webSocketName(n));
      for (FallbackTransport transport : FallbackTransport.values()) {
        Double fallback = switchboardFigures.get(fallbackName(transport, n));
        if (webSockets == null || fallback == null) {
          continue;
        }
        if (!noted) {
          report.note("S9-<transport>-vs-ws: switchboard= is the fallback transport, ceiling= Switchboard's WebSocket fan-out (S9-ws) at the same N");
          noted = true;
        }
        String name = "S9-" + transport.shortName() + "-vs-ws-" + k(n);
        report.result(new Measurement(name, fallback, "deliveries/s", ""), new Measurement(name, webSockets, "deliveries/s", ""));
      }
    }
  }

  private static String webSocketName(int receivers) {
    return "S9-ws-" + k(receivers);
  }

  private static String fallbackName(FallbackTransport transport, int receivers) {
    return "S9-" + transport.shortName() + "-" + k(receivers);
  }

  private void runBoth(LoadClient client, Scenario scenario) {
    if (config.meters) {
      runWithAndWithoutMeters(client, scenario);
      return;
    }
    try {
      Map<String, Measurement> hub = runOn(client, scenario, ServerKind.SWITCHBOARD, ServerKind.SWITCHBOARD.argument());
      Scenario ceilingLoad = scenario.ceilingLoad();
      String ceilingLabel = scenario.ceiling().argument() + (ceilingLoad == scenario ? "" : "-ceiling");
      Map<String, Measurement> ceiling = runOn(client, ceilingLoad, scenario.ceiling(), ceilingLabel);
      for (Measurement measurement : hub.values()) {
        switchboardFigures.put(measurement.name(), measurement.value());
        Measurement raw = ceiling.get(measurement.name());
        if (raw == null) {
          report.failed(measurement.name(), "the ceiling produced no figure");
        } else {
          report.result(measurement, raw);
        }
      }
    } catch (Exception e) {
      report.failed(scenario.name(), e.toString());
    }
  }

  /**
   * {@code --meters}: the scenario on Switchboard without meters, then at once with {@code
   * SwitchboardMeters} (back to back, as the machine may be shared). RESULT {@code <name>-meters}
   * has the throughput with meters as {@code switchboard=} and without as {@code ceiling=};
   * RESULT {@code <name>-meters-cpu} the server's CPU per message the same way (ratio above 1: the
   * meters' cost).
   */
  private void runWithAndWithoutMeters(LoadClient client, Scenario scenario) {
    try {
      Map<String, Measurement> off = runOn(client, scenario, ServerKind.SWITCHBOARD, ServerKind.SWITCHBOARD.argument());
      Map<String, Measurement> on =
          runOn(client, scenario, ServerKind.SWITCHBOARD_METERS, ServerKind.SWITCHBOARD_METERS.argument());
      for (Measurement without : off.values()) {
        Measurement with = on.get(without.name());
        if (with == null) {
          report.failed(without.name() + "-meters", "the run with meters produced no figure");
          continue;
        }
        String name = without.name() + "-meters";
        report.result(new Measurement(name, with.value(), with.unit(), ""), new Measurement(name, without.value(), without.unit(), ""));
        MeterCost cpuWith = MeterCost.of(with.detail());
        MeterCost cpuWithout = MeterCost.of(without.detail());
        if (cpuWith != null && cpuWithout != null) {
          report.result(cpuWith.measurement(name + "-cpu"), cpuWithout.measurement(name + "-cpu"));
        }
      }
    } catch (Exception e) {
      report.failed(scenario.name() + "-meters", e.toString());
    }
  }

  /** Runs {@code scenario} on a fresh server of {@code kind}; {@code server} names the run in DETAIL lines and files. */
  private Map<String, Measurement> runOn(LoadClient client, Scenario scenario, ServerKind kind, String server)
      throws Exception {
    String label = scenario.name().replace('%', 'p') + "-" + server;
    Map<String, Measurement> figures = new LinkedHashMap<>();
    try (ServerProcess process = ServerProcess.start(kind, label, config, pinning)) {
      for (Measurement m : scenario.run(new ScenarioContext(client, process, kind, config))) {
        report.detail(m.name(), server, m.detail());
        figures.put(m.name(), m);
      }
    }
    return figures;
  }

  private void describeMachine() {
    report.note("mode=" + config.mode + " warmup_ms=" + config.warmupMillis + " measure_ms=" + config.measureMillis);
    report.note("machine nproc=" + config.cpus + " cpu=\"" + cpuModel() + "\" "
        + pinning.describe() + " open_files=" + OpenFiles.limit());
    report.note("jdk=" + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + " server_jvm_args=" + String.join(" ", config.serverJvmArgs) + " loadgen_gc="
        + ManagementFactory.getGarbageCollectorMXBeans().get(0).getName() + " io=" + config.io);
    config.notes.forEach(report::note);
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String short_(WireFormat format) {
    return format == WireFormat.JSON ? "json" : "msgpack";
  }

  private static String k(int connections) {
    return connections >= 1000 && connections % 1000 == 0 ? connections / 1000 + "k" : Integer.toString(connections);
  }
}
