package io.switchboard.bench.suite;

import io.switchboard.bench.client.BenchConnection;
import io.switchboard.bench.client.FallbackTransport;
import io.switchboard.bench.client.FrameListener;
import io.switchboard.bench.client.LoadClient;
import io.switchboard.bench.client.LoadConnection;
import io.switchboard.bench.client.WireFormat;
import java.util.List;
import java.util.Locale;

/**
 * S9, broadcast fan-out over a fallback transport: one WebSocket sender sends {@code
 * Broadcast(32 B)} as in S2, and {@code receivers} connections receive over Server-Sent Events or
 * long polling (JSON), with at most {@code window} broadcasts in flight (see {@link
 * BroadcastPump}). Counts deliveries at the fallback receivers only; the sender gets each broadcast
 * too (one more write per broadcast on either server) but is not counted. Also reports how many
 * messages each batch carried: per SSE chunk read, per long-poll answer (the batching long polling
 * gains from).
 *
 * @param receivers how many fallback receivers
 * @param window broadcasts in flight
 */
record FallbackFanoutScenario(String name, FallbackTransport transport, int receivers, int window)
    implements Scenario {
  private static final int PAYLOAD_BYTES = 32;

  @Override
  public ServerKind ceiling() {
    return ServerKind.RAW_FALLBACK_FANOUT;
  }

  @Override
  public List<Measurement> run(ScenarioContext context) throws Exception {
    SuiteConfig config = context.config();
    LoadClient client = context.client();
    BroadcastPump pump = BroadcastPump.of(context, WireFormat.JSON, PAYLOAD_BYTES, window);
    List<BenchConnection> sender =
        client.connectAll(context.target(WireFormat.JSON), 1, 1, FrameListener.NONE, ScenarioContext.deadline(30_000));
    List<LoadConnection> all =
        client.openAll(
            receivers,
            64,
            () -> client.receive(context.target(WireFormat.JSON), transport, pump),
            ScenarioContext.deadline(120_000));
    pump.start(client, sender, all.size());
    Window measured = Window.measure(context, pump.deliveries::get, config.warmupMillis, config.measureMillis);
    long lost = pump.stop(10_000);
    LoadClient.closeAll(all, 10_000);
    LoadClient.closeAll(sender, 5_000);
    return List.of(
        pump.measurement(
            name,
            measured,
            lost,
            " transport=" + transport.shortName()
                + " receivers=" + all.size()
                + String.format(
                    Locale.ROOT, " messages_per_batch=%.2f", (double) pump.deliveries.get() / Math.max(1, pump.batches.get()))));
  }
}
