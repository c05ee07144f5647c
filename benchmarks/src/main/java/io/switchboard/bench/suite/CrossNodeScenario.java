package io.switchboard.bench.suite;

import io.netty.buffer.ByteBuf;
import io.switchboard.bench.client.BenchConnection;
import io.switchboard.bench.client.FlowRun;
import io.switchboard.bench.client.FrameListener;
import io.switchboard.bench.client.LoadClient;
import io.switchboard.bench.client.OrderedFlow;
import io.switchboard.bench.client.WireFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * S7, cross-node delivery over Redis: two Switchboard processes (nodes A and B, both on the
 * server core) share one Redis (on the load generator's core). One client on A sends {@code
 * Broadcast(32 B)} ({@code clients().all()}); the hub publishes it once to Redis and node B
 * delivers it to its receivers. First closed loop ({@value #WINDOW} sends in flight, judged at
 * B's first receiver) for the rate, then open loop at {@value #LATENCY_PERCENT}% of that rate for
 * the latency A → Redis → B, from each send's scheduled time.
 *
 * <p>The ceiling ({@code raw-pubsub}, {@link io.switchboard.bench.server.PubSubCeiling}) does the
 * same with Lettuce alone, on the server core: PUBLISH of a message of the backplane envelope's
 * size (measured on the wire during the Switchboard run), two subscriber connections, the same
 * window and the same absolute paced rate.
 */
final class CrossNodeScenario {
  private static final int WINDOW = 16;
  private static final int LATENCY_PERCENT = 50;
  private static final int PAYLOAD_BYTES = 32;

  private final SuiteConfig config;
  private final Pinning pinning;
  private final Report report;

  CrossNodeScenario(SuiteConfig config, Pinning pinning, Report report) {
    this.config = config;
    this.pinning = pinning;
    this.report = report;
  }

  /** Runs every variant of the mode, or reports S7 skipped when there is no Redis. */
  void run(LoadClient client) {
    Optional<RedisServer> found;
    try {
      found = RedisServer.startOrFind(config);
    } catch (Exception e) {
      report.failed("S7", e.toString());
      return;
    }
    if (found.isEmpty()) {
      report.skipped("S7", "no_redis");
      return;
    }
    try (RedisServer redis = found.get();
        RedisProbe probe = new RedisProbe(redis.uri())) {
      report.note("S7 redis " + probe.version() + ": " + redis.describe());
      for (WireFormat format : WireFormat.values()) {
        if (format == WireFormat.JSON || !"smoke".equals(config.mode)) {
          runVariant(client, redis, probe, format);
        }
      }
    } catch (Exception e) {
      report.failed("S7", e.toString());
    }
  }

  private void runVariant(LoadClient client, RedisServer redis, RedisProbe probe, WireFormat format) {
    String name = "S7-" + (format == WireFormat.JSON ? "json" : "msgpack");
    String latencyName = name + "-p99@" + LATENCY_PERCENT + "%";
    try {
      Side hub = runSwitchboard(name, client, redis, probe, format);
      Side raw = runCeiling(name, redis, probe, hub.envelopeBytes, hub.throughput.value() * LATENCY_PERCENT / 100);
      for (Side side : List.of(hub, raw)) {
        report.detail(name, side.server, side.throughput.detail());
        report.detail(latencyName, side.server, side.latency.detail());
      }
      report.result(hub.throughput, raw.throughput);
      report.result(hub.latency, raw.latency);
    } catch (Exception e) {
      report.failed(name, e.toString());
    }
  }

  /** What one side (Switchboard or the ceiling) gave. */
  private record Side(String server, Measurement throughput, Measurement latency, int envelopeBytes) {}

  private Side runSwitchboard(String name, LoadClient client, RedisServer redis, RedisProbe probe, WireFormat format)
      throws Exception {
    List<String> uri = List.of(redis.uri());
    try (ServerProcess nodeA = ServerProcess.start(ServerKind.SWITCHBOARD_REDIS, name + "-node-a", config, pinning, uri);
        ServerProcess nodeB = ServerProcess.start(ServerKind.SWITCHBOARD_REDIS, name + "-node-b", config, pinning, uri)) {
      Receivers receivers = new Receivers(format);
      long deadline = ScenarioContext.deadline(60_000);
      List<BenchConnection> atB =
          client.connectAll(
              ServerKind.SWITCHBOARD_REDIS.target(nodeB.port(), format), config.crossNodeReceivers, 64, receivers, deadline);
      BenchConnection sender =
          client.connectAll(
                  ServerKind.SWITCHBOARD_REDIS.target(nodeA.port(), WireFormat.JSON), 1, 1, (c, frame) -> {}, deadline)
              .get(0);
      receivers.probe = atB.get(0);
      ByteBuf trigger = Frames.shared(WireFormat.JSON.invocation(null, "Broadcast", Frames.payload(PAYLOAD_BYTES)));
      Runnable send = () -> sender.send(trigger.duplicate());

      OrderedFlow closed = new OrderedFlow(send, WINDOW);
      receivers.flow = closed;
      Deltas deltas =
          new Deltas()
              .add("clock", System::nanoTime)
              .add("nodeA", nodeA::cpuNanos)
              .add("nodeB", nodeB::cpuNanos)
              .add("redis", () -> ProcStat.cpuNanos(redis.pid()))
              .add("loadgen", Window::ownCpuNanos)
              .add("publishes", probe::publishCalls)
              .add("deliveries", receivers.deliveries::get);
      FlowRun.Outcome rate = FlowRun.closedLoop(closed, client.loop(), config.warmupMillis, config.measureMillis, deltas);

      OrderedFlow paced = new OrderedFlow(send, 0);
      receivers.flow = paced;
      double pacedRate = rate.rate() * LATENCY_PERCENT / 100;
      FlowRun.Outcome latency =
          FlowRun.paced(paced, client.loop(), pacedRate, config.latencyWarmupMillis, config.latencyMeasureMillis, new Deltas());

      receivers.flow = null;
      int envelope = probe.sizeOfNextMessage(() -> client.loop().execute(send), 5_000);
      LoadClient.closeAll(atB, 5_000);
      LoadClient.closeAll(List.of(sender), 5_000);

      long sends = rate.arrivals();
      String throughputDetail =
          String.format(
                  Locale.ROOT,
                  "deliveries_per_s=%.0f receivers_at_b=%d window=%d payload=%dB envelope=%dB publishes_per_send=%s ",
                  deltas.delta("deliveries") * 1e9 / rate.nanos(),
                  atB.size(),
                  WINDOW,
                  PAYLOAD_BYTES,
                  envelope,
                  perSend(deltas.delta("publishes"), sends))
              + cpu(deltas, sends, "nodeA", "nodeB", "redis", "loadgen")
              + " lost=" + rate.lost()
              + " " + OrderedFlow.percentiles(rate.latency())
              + " " + closed.counts();
      String latencyDetail =
          String.format(Locale.ROOT, "target_rate=%.0f/s rate=%.0f/s lost=%d ", pacedRate, latency.rate(), latency.lost())
              + OrderedFlow.percentiles(latency.latency())
              + " " + paced.counts()
              + String.format(Locale.ROOT, " node_max_gc_pause_ms=%.1f", Math.max(nodeA.maxGcPauseMillis(), nodeB.maxGcPauseMillis()));
      return new Side(
          ServerKind.SWITCHBOARD_REDIS.argument(),
          new Measurement(name, rate.rate(), "sends/s", throughputDetail),
          new Measurement(name + "-p99@" + LATENCY_PERCENT + "%", latency.latency().getValueAtPercentile(99) / 1e3, "us", latencyDetail),
          envelope);
    }
  }

  private Side runCeiling(String name, RedisServer redis, RedisProbe probe, int envelopeBytes, double pacedRate)
      throws Exception {
    try (ServerProcess ceiling =
        ServerProcess.start(ServerKind.RAW_PUBSUB, name + "-raw-pubsub", config, pinning, List.of(redis.uri()))) {
      Deltas deltas =
          new Deltas()
              .add("clock", System::nanoTime)
              .add("ceiling", ceiling::cpuNanos)
              .add("redis", () -> ProcStat.cpuNanos(redis.pid()))
              .add("publishes", probe::publishCalls);
      Map<String, String> rate =
          command(ceiling, "throughput " + envelopeBytes + " " + WINDOW + " " + config.warmupMillis + " " + config.measureMillis, deltas);
      Map<String, String> latency =
          command(
              ceiling,
              String.format(Locale.ROOT, "paced %d %.1f %d %d", envelopeBytes, pacedRate, config.latencyWarmupMillis, config.latencyMeasureMillis),
              new Deltas());
      double perSecond = Double.parseDouble(rate.get("rate"));
      long sends = Math.round(perSecond * deltas.delta("clock") / 1e9);
      String throughputDetail =
          "subscribers=2 window=" + WINDOW + " message=" + envelopeBytes + "B publishes_per_send="
              + perSend(deltas.delta("publishes"), sends) + " "
              + cpu(deltas, sends, "ceiling", "redis")
              + " " + rate.get("line");
      String latencyDetail = String.format(Locale.ROOT, "target_rate=%.0f/s ", pacedRate) + latency.get("line");
      return new Side(
          ServerKind.RAW_PUBSUB.argument(),
          new Measurement(name, perSecond, "sends/s", throughputDetail),
          new Measurement(name + "-p99@" + LATENCY_PERCENT + "%", Double.parseDouble(latency.get("p99_us")), "us", latencyDetail),
          envelopeBytes);
    }
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
