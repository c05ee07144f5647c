package io.switchboard.bench.suite;

import io.netty.buffer.ByteBuf;
import io.switchboard.bench.client.BenchConnection;
import io.switchboard.bench.client.FlowRun;
import io.switchboard.bench.client.FrameListener;
import io.switchboard.bench.client.LoadClient;
import io.switchboard.bench.client.OrderedFlow;
import io.switchboard.bench.client.WireFormat;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * S7, cross-node delivery over Redis, and S7pg, the same over the SQL backplane on PostgreSQL:
 * two Switchboard processes (nodes A and B, both on the server core) share one bus (on the load
 * generator's core). One client on A sends {@code
 * Broadcast(32 B)} ({@code clients().all()}); the hub publishes it once to the bus and node B
 * delivers it to its receivers. First closed loop ({@value #WINDOW} sends in flight, judged at
 * B's first receiver) for the rate, then open loop at {@value #LATENCY_PERCENT}% of that rate for
 * the latency A → bus → B, from each send's scheduled time. The nodes start once: the first
 * variant warms them up for {@code crossNodeWarmupMillis} (30 s outside smoke mode: two JVMs
 * compiling on one core at a few thousand sends per second take that long to settle), the other
 * variants reuse the warm processes with the usual warm-up.
 *
 * <p>The ceiling does the same with the bus's client library alone, on the server core, with a
 * message of the backplane's size on the bus (measured during the Switchboard run), two
 * receivers, the same window and the same absolute paced rate: for Redis, Lettuce's PUBLISH and
 * two subscribers ({@code raw-pubsub}); for PostgreSQL, pgJDBC appending with the backplane's
 * statements and two LISTENing readers ({@code raw-jdbc}).
 */
final class CrossNodeScenario {
  /** One bus: what the scenario is called, the node and ceiling servers, how to get the bus. */
  record Bus(String prefix, String label, ServerKind node, ServerKind ceiling, BusFactory factory) {}

  /** Starts or finds a bus, or gives empty when this machine has none. */
  interface BusFactory {
    Optional<CrossNodeBus> startOrFind(SuiteConfig config) throws Exception;
  }

  /** S7. */
  static final Bus REDIS = new Bus("S7", "redis", ServerKind.SWITCHBOARD_REDIS, ServerKind.RAW_PUBSUB, RedisBus::startOrFind);
  /** S7pg. */
  static final Bus POSTGRES =
      new Bus("S7pg", "postgres", ServerKind.SWITCHBOARD_POSTGRES, ServerKind.RAW_JDBC, PostgresBus::startOrFind);

  private static final int WINDOW = 16;
  private static final int LATENCY_PERCENT = 50;
  private static final int PAYLOAD_BYTES = 32;

  private final SuiteConfig config;
  private final Pinning pinning;
  private final Report report;
  private final Bus bus;

  CrossNodeScenario(SuiteConfig config, Pinning pinning, Report report, Bus bus) {
    this.config = config;
    this.pinning = pinning;
    this.report = report;
    this.bus = bus;
  }

  /** Runs every selected variant of the mode, or reports the scenario skipped when there is no bus. */
  void run(LoadClient client) {
    List<WireFormat> formats =
        Arrays.stream(WireFormat.values())
            .filter(format -> format == WireFormat.JSON || !"smoke".equals(config.mode))
            .filter(format -> config.selected(name(format)) || config.selected(bus.prefix()))
            .toList();
    if (formats.isEmpty()) {
      return;
    }
    Optional<CrossNodeBus> found;
    try {
      found = bus.factory().startOrFind(config);
    } catch (Exception e) {
      report.failed(bus.prefix(), e.toString());
      return;
    }
    if (found.isEmpty()) {
      report.skipped(bus.prefix(), "no_" + bus.label());
      return;
    }
    try (CrossNodeBus server = found.get()) {
      report.note(bus.prefix() + " " + server.version() + ": " + server.describe() + "; warm-up " + config.crossNodeWarmupMillis
          + " ms before the first variant (two JVMs compiling on one core), the next variants run on the warm processes");
      Map<WireFormat, Side> hub = runSwitchboard(client, server, formats);
      Map<WireFormat, Side> raw = runCeiling(server, hub);
      for (WireFormat format : formats) {
        report(hub.get(format), raw.get(format));
      }
    } catch (Exception e) {
      report.failed(bus.prefix(), e.toString());
    }
  }

  private void report(Side hub, Side raw) {
    for (Side side : List.of(hub, raw)) {
      report.detail(side.throughput.name(), side.server, side.throughput.detail());
      report.detail(side.latency.name(), side.server, side.latency.detail());
    }
    report.result(hub.throughput, raw.throughput);
    report.result(hub.latency, raw.latency);
  }

  private String name(WireFormat format) {
    return bus.prefix() + "-" + (format == WireFormat.JSON ? "json" : "msgpack");
  }

  private String latencyName(WireFormat format) {
    return name(format) + "-p99@" + LATENCY_PERCENT + "%";
  }

  /** The first variant warms the processes up. */
  private long warmup(int variant) {
    return variant == 0 ? Math.max(config.warmupMillis, config.crossNodeWarmupMillis) : config.warmupMillis;
  }

  /** What one side (Switchboard or the ceiling) gave for one format. */
  private record Side(String server, Measurement throughput, Measurement latency, int envelopeBytes) {}

  /** Both nodes, started once; each format's receivers connect to B in turn. */
  private Map<WireFormat, Side> runSwitchboard(LoadClient client, CrossNodeBus server, List<WireFormat> formats)
      throws Exception {
    List<String> uri = List.of(server.uri());
    try (ServerProcess nodeA = ServerProcess.start(bus.node(), bus.prefix() + "-node-a", config, pinning, uri);
        ServerProcess nodeB = ServerProcess.start(bus.node(), bus.prefix() + "-node-b", config, pinning, uri)) {
      long deadline = ScenarioContext.deadline(60_000);
      BenchConnection sender =
          client.connectAll(bus.node().target(nodeA.port(), WireFormat.JSON), 1, 1, (c, frame) -> {}, deadline)
              .get(0);
      ByteBuf trigger = Frames.shared(WireFormat.JSON.invocation(null, "Broadcast", Frames.payload(PAYLOAD_BYTES)));
      Runnable send = () -> sender.send(trigger.duplicate());
      int envelope = server.sizeOfNextMessage(() -> client.loop().execute(send), 5_000);
      Map<WireFormat, Side> sides = new LinkedHashMap<>();
      for (int i = 0; i < formats.size(); i++) {
        sides.put(formats.get(i), runFormat(client, server, nodeA, nodeB, send, envelope, formats.get(i), warmup(i)));
      }
      LoadClient.closeAll(List.of(sender), 5_000);
      return sides;
    }
  }

  private Side runFormat(
      LoadClient client,
      CrossNodeBus server,
      ServerProcess nodeA,
      ServerProcess nodeB,
      Runnable send,
      int envelope,
      WireFormat format,
      long warmupMillis)
      throws Exception {
    Receivers receivers = new Receivers(format);
    List<BenchConnection> atB =
        client.connectAll(
            bus.node().target(nodeB.port(), format),
            config.crossNodeReceivers,
            64,
            receivers,
            ScenarioContext.deadline(60_000));
    receivers.probe = atB.get(0);

    OrderedFlow closed = new OrderedFlow(send, WINDOW);
    receivers.flow = closed;
    Deltas deltas =
        new Deltas()
            .add("clock", System::nanoTime)
            .add("nodeA", nodeA::cpuNanos)
            .add("nodeB", nodeB::cpuNanos)
            .add("nodeA_ctx", nodeA::contextSwitches)
            .add("nodeB_ctx", nodeB::contextSwitches)
            .add(bus.label(), () -> ProcStat.cpuNanos(server.pid()))
            .add("loadgen", Window::ownCpuNanos)
            .add("publishes", () -> publishCalls(server))
            .add("deliveries", receivers.deliveries::get);
    FlowRun.Outcome rate = FlowRun.closedLoop(closed, client.loop(), warmupMillis, config.measureMillis, deltas);

    OrderedFlow paced = new OrderedFlow(send, 0);
    receivers.flow = paced;
    double pacedRate = rate.rate() * LATENCY_PERCENT / 100;
    FlowRun.Outcome latency =
        FlowRun.paced(paced, client.loop(), pacedRate, config.latencyWarmupMillis, config.latencyMeasureMillis, new Deltas());
    receivers.flow = null;
    LoadClient.closeAll(atB, 5_000);

    long sends = rate.arrivals();
    String throughputDetail =
        String.format(
                Locale.ROOT,
                "deliveries_per_s=%.0f receivers_at_b=%d window=%d payload=%dB envelope=%dB warmup_ms=%d publishes_per_send=%s ",
                deltas.delta("deliveries") * 1e9 / rate.nanos(),
                atB.size(),
                WINDOW,
                PAYLOAD_BYTES,
                envelope,
                warmupMillis,
                perSend(deltas.delta("publishes"), sends))
            + cpu(deltas, sends, "nodeA", "nodeB", bus.label(), "loadgen")
            + " nodeA_ctx_switches_per_send=" + perSend(deltas.delta("nodeA_ctx"), sends)
            + " nodeB_ctx_switches_per_send=" + perSend(deltas.delta("nodeB_ctx"), sends)
            + " lost=" + rate.lost()
            + " " + OrderedFlow.percentiles(rate.latency())
            + " " + closed.counts();
    String latencyDetail =
        String.format(Locale.ROOT, "target_rate=%.0f/s rate=%.0f/s lost=%d ", pacedRate, latency.rate(), latency.lost())
            + OrderedFlow.percentiles(latency.latency())
            + " " + paced.counts()
            + String.format(Locale.ROOT, " node_max_gc_pause_ms=%.1f", Math.max(nodeA.maxGcPauseMillis(), nodeB.maxGcPauseMillis()));
    return new Side(
        bus.node().argument(),
        new Measurement(name(format), rate.rate(), "sends/s", throughputDetail),
        new Measurement(latencyName(format), latency.latency().getValueAtPercentile(99) / 1e3, "us", latencyDetail),
        envelope);
  }

  /** The ceiling process, started once; per format, the same window and the same paced rate as Switchboard's. */
  private Map<WireFormat, Side> runCeiling(CrossNodeBus server, Map<WireFormat, Side> hub) throws Exception {
    Map<WireFormat, Side> sides = new LinkedHashMap<>();
    try (ServerProcess ceiling =
        ServerProcess.start(
            bus.ceiling(), bus.prefix() + "-" + bus.ceiling().argument(), config, pinning, List.of(server.uri()))) {
      int variant = 0;
      for (Map.Entry<WireFormat, Side> entry : hub.entrySet()) {
        Side side = entry.getValue();
        sides.put(entry.getKey(), ceilingSide(ceiling, server, entry.getKey(), side.envelopeBytes,
            side.throughput.value() * LATENCY_PERCENT / 100, warmup(variant++)));
      }
    }
    return sides;
  }

  private Side ceilingSide(
      ServerProcess ceiling,
      CrossNodeBus server,
      WireFormat format,
      int envelopeBytes,
      double pacedRate,
      long warmupMillis)
      throws Exception {
    Deltas deltas =
        new Deltas()
            .add("clock", System::nanoTime)
            .add("ceiling", ceiling::cpuNanos)
            .add(bus.label(), () -> ProcStat.cpuNanos(server.pid()))
            .add("publishes", () -> publishCalls(server));
    Map<String, String> rate =
        command(ceiling, "throughput " + envelopeBytes + " " + WINDOW + " " + warmupMillis + " " + config.measureMillis, deltas);
    Map<String, String> latency =
        command(
            ceiling,
            String.format(Locale.ROOT, "paced %d %.1f %d %d", envelopeBytes, pacedRate, config.latencyWarmupMillis, config.latencyMeasureMillis),
            new Deltas());
    double perSecond = Double.parseDouble(rate.get("rate"));
    long sends = Math.round(perSecond * deltas.delta("clock") / 1e9);
    String throughputDetail =
        "subscribers=2 window=" + WINDOW + " message=" + envelopeBytes + "B warmup_ms=" + warmupMillis
            + " publishes_per_send=" + perSend(deltas.delta("publishes"), sends) + " "
            + cpu(deltas, sends, "ceiling", bus.label())
            + " " + rate.get("line");
    String latencyDetail = String.format(Locale.ROOT, "target_rate=%.0f/s ", pacedRate) + latency.get("line");
    return new Side(
        bus.ceiling().argument(),
        new Measurement(name(format), perSecond, "sends/s", throughputDetail),
        new Measurement(latencyName(format), Double.parseDouble(latency.get("p99_us")), "us", latencyDetail),
        envelopeBytes);
  }

  /** Runs one command of the ceiling, sampling {@code deltas} at its window's edges; returns its reply's fields. */
  private static Map<String, String> command(ServerProcess ceiling, String line, Deltas deltas) throws Exception {
    ceiling.command(line);
    ceiling.awaitLine("MEASURING");
    deltas.begin();
    ceiling.awaitLine("MEASURED");
    deltas.end();
    String reply = ceiling.awaitLine("PUBSUB ").substring("PUBSUB ".length());
    Map<String, String> fields = new HashMap<>();
    for (String pair : reply.split(" ")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        fields.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    fields.put("line", reply);
    return fields;
  }

  private static String cpu(Deltas deltas, long sends, String... names) {
    StringBuilder out = new StringBuilder();
    for (String name : names) {
      out.append(out.length() == 0 ? "" : " ").append(deltas.cpu(name, sends, deltas.delta("clock"), "send"));
    }
    return out.toString();
  }

  /** The bus's message count, or -1 (unknown) when it cannot be read. */
  private static long publishCalls(CrossNodeBus server) {
    try {
      return server.publishCalls();
    } catch (Exception e) {
      return -1;
    }
  }

  private static String perSend(long publishes, long sends) {
    return publishes < 0 || sends <= 0 ? "unknown" : String.format(Locale.ROOT, "%.3f", (double) publishes / sends);
  }

  /** Node B's receivers: counts every delivery; the first receiver's arrivals drive the flow. */
  private static final class Receivers implements FrameListener {
    private final WireFormat format;
    final Counter deliveries = new Counter();
    volatile BenchConnection probe;
    volatile OrderedFlow flow;

    Receivers(WireFormat format) {
      this.format = format;
    }

    @Override
    public void onFrame(BenchConnection connection, ByteBuf content) {
      int n = format.countMessages(content, WireFormat.INVOCATION);
      deliveries.add(n);
      OrderedFlow current = flow;
      if (connection == probe && current != null) {
        current.arrived(n);
      }
    }
  }
}
