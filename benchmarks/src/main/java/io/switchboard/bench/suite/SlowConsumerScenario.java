package io.switchboard.bench.suite;

import io.switchboard.bench.client.BenchConnection;
import io.switchboard.bench.client.FrameListener;
import io.switchboard.bench.client.LoadClient;
import io.switchboard.bench.client.WireFormat;
import io.switchboard.transport.netty.NettyTransportOptions;
import java.util.List;
import java.util.Locale;

/**
 * S10, slow consumers: S2's broadcast (one sender, JSON, {@code window} in flight, counted at the
 * healthy receivers only) to {@code receivers} WebSocket connections, {@code slowPercent} of which
 * stop reading right after their handshake (auto-read off). The ceiling is the unaffected run: the
 * same load on Switchboard with every receiver reading ({@link #ceilingLoad}).
 *
 * <p>What a slow client cannot take fills the kernel's socket buffers first, and only then the
 * server's outbound. On loopback (64 KB segments) Linux lets a socket's send buffer grow to its
 * 4 MB maximum ({@code tcp_wmem}), and a slow client gets the broadcast rate divided by the
 * receivers: about 30 KB/s at 2 KB with 10 k receivers, which takes minutes to pass 4 MB. So the
 * 10 k variant shows the healthy clients' throughput with the kernel holding the backlog and the
 * server's memory flat, and a 200-receiver variant (1–2 MB/s per client) reaches the server's
 * bound within the window and shows the drops.
 *
 * <p>Reports the server's memory over the window (RSS, heap in use, Netty direct memory, and the
 * machine's kernel TCP memory, sampled every half second), heap after full collections before and
 * after, and how many slow clients
 * the server dropped and when: after the measured window the broadcast goes on, uncounted, until
 * every slow client is dropped or {@code slowConsumerDropWaitMillis} passed. The bound it should
 * hold: Switchboard aborts a connection whose queued output would pass {@code
 * maxPendingWriteBytes} or that stays above the high watermark for {@code sendTimeout} ({@link
 * NettyTransportOptions#defaults()}), so slow clients can hold at most slow × {@code
 * maxPendingWriteBytes} of outbound memory, and only until they are dropped.
 */
record SlowConsumerScenario(String name, int receivers, int slowPercent, int payloadBytes, int window)
    implements Scenario {
  private static final long SAMPLE_MILLIS = 500;

  @Override
  public ServerKind ceiling() {
    return ServerKind.SWITCHBOARD;
  }

  @Override
  public Scenario ceilingLoad() {
    return new SlowConsumerScenario(name, receivers, 0, payloadBytes, window);
  }

  @Override
  public List<Measurement> run(ScenarioContext context) throws Exception {
    SuiteConfig config = context.config();
    LoadClient client = context.client();
    int slowCount = slowPercent == 0 ? 0 : Math.max(1, receivers * slowPercent / 100);
    BroadcastPump pump = BroadcastPump.of(context, WireFormat.JSON, payloadBytes, window);
    long deadline = ScenarioContext.deadline(180_000);
    List<BenchConnection> healthy =
        client.connectAll(context.target(WireFormat.JSON), receivers - slowCount, 64, pump, deadline);
    List<BenchConnection> slow =
        slowCount == 0
            ? List.of()
            : client.connectAll(context.target(WireFormat.JSON), slowCount, 64, FrameListener.NONE, deadline);
    slow.forEach(connection -> connection.channel().config().setAutoRead(false));
    long heapBefore = context.server().heapAfterGc();
    ServerSampler sampler = ServerSampler.start(context.server(), SAMPLE_MILLIS);
    pump.start(client, healthy.subList(0, 1), healthy.size());
    long measureMillis = Math.max(config.measureMillis, config.slowConsumerMinMeasureMillis);
    Window measured = Window.measure(context, pump.deliveries::get, config.warmupMillis, measureMillis);
    // The broadcast goes on, uncounted, until the server dropped every slow client or gave up.
    long dropWait = sampler.awaitDropped(slow.size(), slow.isEmpty() ? 0 : config.slowConsumerDropWaitMillis);
    long lost = pump.stop(10_000);
    List<ServerSampler.Sample> samples = sampler.stop();
    long heapAfter = context.server().heapAfterGc();
    // A client that does not read would not see the server's close either: cut it.
    slow.forEach(connection -> connection.channel().close());
    LoadClient.closeAll(healthy, 10_000);
    NettyTransportOptions options = NettyTransportOptions.defaults();
    return List.of(
        pump.measurement(
            name,
            measured,
            lost,
            " receivers=" + (healthy.size() + slow.size())
                + " slow=" + slow.size()
                + String.format(Locale.ROOT, " per_receiver_kb_s=%.1f", pump.bytesPerReceiver(measured) / 1024)
                + " window_s=" + (config.warmupMillis + measureMillis) / 1000.0
                + " then_awaiting_drops_s=" + dropWait / 1000.0
                + String.format(Locale.ROOT, " heap_after_gc_mb=%.1f/%.1f ", heapBefore / 1048576.0, heapAfter / 1048576.0)
                + ServerSampler.describe(samples, 5)
                + " bound: max_pending_write_bytes=" + options.maxPendingWriteBytes()
                + " send_timeout_s=" + options.sendTimeout().toSeconds()
                + " high_watermark=" + options.writeBufferHighWaterMark()
                + " slow_x_max_pending_mb=" + slow.size() * options.maxPendingWriteBytes() / 1048576));
  }
}
