package io.switchboard.bench.suite;

import io.switchboard.bench.client.BenchConnection;
import io.switchboard.bench.client.FrameListener;
import io.switchboard.bench.client.LoadClient;
import io.switchboard.bench.client.WireFormat;
import java.util.List;

/**
 * S4, idle connection density: heap (after full collections) and RSS of the server before and
 * after opening N full connections that then stay idle, per connection. A warm-up round of
 * connections first loads and initialises the classes the connections need, so that one-time costs
 * are not charged to the connections. Kernel socket memory is not included.
 */
final class IdleScenario implements Scenario {
  private static final int WARM_UP_CONNECTIONS = 200;
  private static final long SETTLE_MILLIS = 500;

  @Override
  public String name() {
    return "S4";
  }

  @Override
  public ServerKind ceiling() {
    return ServerKind.RAW_ECHO;
  }

  @Override
  public List<Measurement> run(ScenarioContext context) throws Exception {
    LoadClient client = context.client();
    int warmUp = Math.min(WARM_UP_CONNECTIONS, context.config().idleConnections / 4);
    LoadClient.closeAll(
        client.connectAll(context.target(WireFormat.JSON), warmUp, 64, FrameListener.NONE, ScenarioContext.deadline(30_000)),
        5_000);
    Thread.sleep(SETTLE_MILLIS);
    long heap0 = context.server().heapAfterGc();
    long rss0 = context.server().rssBytes();
    long cpu0 = context.server().cpuNanos();
    List<BenchConnection> connections =
        client.connectAll(
            context.target(WireFormat.JSON), context.config().idleConnections, 64, FrameListener.NONE, ScenarioContext.deadline(180_000));
    Thread.sleep(SETTLE_MILLIS);
    long heap1 = context.server().heapAfterGc();
    long rss1 = context.server().rssBytes();
    long cpu1 = context.server().cpuNanos();
    int n = connections.size();
    LoadClient.closeAll(connections, 20_000);
    String detail =
        "connections=" + n
            + " heap_before=" + heap0 + " heap_after=" + heap1
            + " rss_before=" + rss0 + " rss_after=" + rss1
            + " server_cpu_ms_connecting=" + (cpu1 - cpu0) / 1_000_000;
    return List.of(
        new Measurement("S4-heap", (double) (heap1 - heap0) / n, "bytes/conn", detail),
        new Measurement("S4-rss", (double) (rss1 - rss0) / n, "bytes/conn", detail));
  }
}
