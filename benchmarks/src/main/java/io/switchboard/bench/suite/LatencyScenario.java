package io.switchboard.bench.suite;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.switchboard.bench.client.BenchConnection;
import io.switchboard.bench.client.FrameListener;
import io.switchboard.bench.client.LoadClient;
import io.switchboard.bench.client.Pacer;
import io.switchboard.bench.client.WireFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import org.HdrHistogram.Histogram;

/**
 * S6, echo latency at fixed rates (10%, 50% and 80%, or 50% only in smoke mode, of the Switchboard S1 rate measured earlier in
 * the run; the ceiling gets the same absolute rates). Open loop: a pacer thread issues calls on a
 * fixed schedule whatever the replies do, round-robin over the connections, and every latency is
 * measured from the call's <em>scheduled</em> time, which corrects for coordinated omission (see
 * {@link Pacer}).
 */
final class LatencyScenario implements Scenario {
  private static final int MAX_OUTSTANDING_PER_CONNECTION = 1024;
  private static final long HISTOGRAM_MAX_NANOS = 60_000_000_000L;

  private final WireFormat format;
  private final DoubleSupplier fullRate;

  /** @param fullRate the rate that counts as 100% (Switchboard's S1 for this format) */
  LatencyScenario(WireFormat format, DoubleSupplier fullRate) {
    this.format = format;
    this.fullRate = fullRate;
  }

  @Override
  public String name() {
    return "S6-" + format.protocolName();
  }

  @Override
  public ServerKind ceiling() {
    return ServerKind.RAW_ECHO;
  }

  @Override
  public List<Measurement> run(ScenarioContext context) throws Exception {
    SuiteConfig config = context.config();
    ByteBuf[] ring = Frames.invocationRing(format, "Echo", Frames.payload(32));
    Recording recording = new Recording();
    List<BenchConnection> connections =
        context.client().connectAll(
            context.target(format), config.latencyConnections, 64, recording, ScenarioContext.deadline(60_000));
    EventLoop loop = context.client().loop();
    loop.submit(() -> connections.forEach(c -> c.attach(new Outstanding()))).sync();
    List<Measurement> results = new ArrayList<>();
    for (int percent : config.latencyPercents) {
      double rate = fullRate.getAsDouble() * percent / 100;
      Calls calls = new Calls(connections, ring);
      Pacer pacer = new Pacer(loop, rate, calls);
      Thread thread = pacer.start("latency-pacer");
      Thread.sleep(config.latencyWarmupMillis);
      loop.submit(recording::start).sync();
      Thread.sleep(config.latencyMeasureMillis);
      Histogram histogram = loop.submit(recording::stop).get();
      pacer.stop();
      thread.join();
      recording.awaitReplies(calls.issued, 5_000);
      results.add(measurement(context, percent, rate, histogram, calls));
    }
    LoadClient.closeAll(connections, 5_000);
    return results;
  }

  private Measurement measurement(ScenarioContext context, int percent, double rate, Histogram h, Calls calls) {
    String detail =
        String.format(
            Locale.ROOT,
            "rate=%.0f/s samples=%d p50_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f skipped=%d server_max_gc_pause_ms=%.1f connections=%d",
            rate,
            h.getTotalCount(),
            h.getValueAtPercentile(50) / 1e3,
            h.getValueAtPercentile(99) / 1e3,
            h.getValueAtPercentile(99.9) / 1e3,
            h.getMaxValue() / 1e3,
            calls.skipped,
            context.server().maxGcPauseMillis(),
            calls.connections.size());
    return new Measurement(name() + "-p99@" + percent + "%", h.getValueAtPercentile(99) / 1e3, "us", detail);
  }

  /** Scheduled send times of the calls in flight on one connection, oldest first. */
  private static final class Outstanding {
    private final long[] scheduled = new long[MAX_OUTSTANDING_PER_CONNECTION];
    private int head;
    private int size;
    private int nextId;

    boolean offer(long time) {
      if (size == scheduled.length) {
        return false;
      }
      scheduled[(head + size++) % scheduled.length] = time;
      return true;
    }

    long poll() {
      if (size == 0) {
        return 0;
      }
      long time = scheduled[head];
      head = (head + 1) % scheduled.length;
      size--;
      return time;
    }
  }

  /** Records reply latencies in a histogram; event loop only, except the reply count. */
  private final class Recording implements FrameListener {
    private final Histogram histogram = new Histogram(HISTOGRAM_MAX_NANOS, 3);
    private final Counter replies = new Counter();
    private boolean on;

    @Override
    public void onFrame(BenchConnection connection, ByteBuf content) {
      int n = format.countMessages(content, WireFormat.INVOCATION | WireFormat.COMPLETION);
      long now = System.nanoTime();
      Outstanding outstanding = (Outstanding) connection.attachment();
      for (int i = 0; i < n; i++) {
        long scheduled = outstanding.poll();
        if (on && scheduled != 0) {
          histogram.recordValue(Math.min(now - scheduled, HISTOGRAM_MAX_NANOS));
        }
      }
      replies.add(n);
    }

    Void start() {
      histogram.reset();
      on = true;
      return null;
    }

    Histogram stop() {
      on = false;
      return histogram.copy();
    }

    void awaitReplies(long issued, long timeoutMillis) throws InterruptedException {
      long deadline = ScenarioContext.deadline(timeoutMillis);
      while (replies.get() < issued && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
    }
  }

  /** One paced call: the next connection's next Echo, unless that connection has too many in flight. */
  private static final class Calls implements Pacer.Call {
    final List<BenchConnection> connections;
    private final ByteBuf[] ring;
    volatile long issued; // event loop only writes
    volatile long skipped; // event loop only writes
    private int next; // event loop only

    Calls(List<BenchConnection> connections, ByteBuf[] ring) {
      this.connections = connections;
      this.ring = ring;
    }

    @Override
    public void issue(long scheduledNanos) {
      BenchConnection connection = connections.get(next++ % connections.size());
      Outstanding outstanding = (Outstanding) connection.attachment();
      if (!outstanding.offer(scheduledNanos)) {
        skipped++;
        return;
      }
      connection.write(ring[outstanding.nextId++ % Frames.RING].duplicate());
      connection.flush();
      issued++;
    }
  }
}
