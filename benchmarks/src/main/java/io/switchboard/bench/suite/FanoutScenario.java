package io.switchboard.bench.suite;

import io.switchboard.bench.client.BenchConnection;
import io.switchboard.bench.client.LoadClient;
import io.switchboard.bench.client.WireFormat;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * S2 and S3, broadcast fan-out over WebSockets: {@code senders} of the connections (one for S2, all
 * of them for S3, the aspnet {@code broadcast} and {@code echoAll} scenarios) send {@code
 * Broadcast(payload)} to every connection, with at most {@code window} broadcasts in flight (see
 * {@link BroadcastPump}). Counts deliveries at the clients. After the measured window the senders
 * stop and the remaining deliveries are awaited; anything missing is reported as {@code lost}.
 */
final class FanoutScenario implements Scenario {
  private final String name;
  private final WireFormat format;
  private final ToIntFunction<SuiteConfig> connections;
  private final boolean allSend;
  private final int payloadBytes;
  private final int window;

  /**
   * @param connections how many connections, from the suite's settings
   * @param allSend every connection sends (S3), or only the first (S2)
   * @param window broadcasts in flight
   */
  FanoutScenario(
      String name,
      WireFormat format,
      ToIntFunction<SuiteConfig> connections,
      boolean allSend,
      int payloadBytes,
      int window) {
    this.name = name;
    this.format = format;
    this.connections = connections;
    this.allSend = allSend;
    this.payloadBytes = payloadBytes;
    this.window = window;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ServerKind ceiling() {
    return ServerKind.RAW_FANOUT;
  }

  @Override
  public List<Measurement> run(ScenarioContext context) throws Exception {
    SuiteConfig config = context.config();
    BroadcastPump pump = BroadcastPump.of(context, format, payloadBytes, window);
    List<BenchConnection> all =
        context.client().connectAll(
            context.target(format), connections.applyAsInt(config), 64, pump, ScenarioContext.deadline(120_000));
    pump.start(context.client(), allSend ? all : all.subList(0, 1), all.size());
    Window measured = Window.measure(context, pump.deliveries::get, config.warmupMillis, config.measureMillis);
    long lost = pump.stop(10_000);
    LoadClient.closeAll(all, 10_000);
    return List.of(
        pump.measurement(name, measured, lost, " connections=" + all.size() + " senders=" + (allSend ? all.size() : 1)));
  }
}
