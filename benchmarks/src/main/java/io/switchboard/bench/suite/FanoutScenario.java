package io.switchboard.bench.suite;

import io.netty.buffer.ByteBuf;
import io.switchboard.bench.client.BenchConnection;
import io.switchboard.bench.client.FrameListener;
import io.switchboard.bench.client.LoadClient;
import io.switchboard.bench.client.WireFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * S2 and S3, broadcast fan-out: {@code senders} of the connections (one for S2, all of them for S3,
 * the aspnet {@code broadcast} and {@code echoAll} scenarios) send {@code Broadcast(payload)}, which
 * the hub sends to every connection; the raw fan-out server writes the frame it receives to every
 * channel, so the senders send it the very message receivers get. Counts deliveries at the
 * clients.
 *
 * <p>Flow control keeps the server's queues bounded: at most {@code window} broadcasts are in
 * flight, i.e. sent but not yet delivered to every connection (judged by total deliveries). After
 * the measured window the senders stop and the remaining deliveries are awaited; anything missing
 * is reported as {@code lost}.
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
    String target = context.kind().raw() ? "send" : "Broadcast";
    ByteBuf trigger = Frames.shared(format.invocation(null, target, Frames.payload(payloadBytes)));
    Pump pump = new Pump(trigger);
    List<BenchConnection> all =
        context.client().connectAll(
            context.target(format), connections.applyAsInt(config), 64, pump, ScenarioContext.deadline(120_000));
    pump.start(all, allSend ? all : all.subList(0, 1));
    context.client().loop().execute(pump::fill);
    Window measured = Window.measure(context, pump.deliveries::get, config.warmupMillis, config.measureMillis);
    pump.running.off();
    long lost = pump.awaitDrained(10_000);
    LoadClient.closeAll(all, 10_000);
    return List.of(
        new Measurement(
            name,
            measured.rate(),
            "deliveries/s",
            measured.cpuDetail("delivery")
                + String.format(Locale.ROOT, " broadcasts_per_s=%.0f", measured.rate() / all.size())
                + " connections=" + all.size()
                + " senders=" + (allSend ? all.size() : 1)
                + " payload=" + payloadBytes + "B"
                + " lost=" + lost));
  }

  /** Sends triggers while the window allows; runs on the client's event loop. */
  private final class Pump implements FrameListener {
    private final ByteBuf trigger;
    final Counter deliveries = new Counter();
    final Flag running = new Flag();
    private volatile long sent;
    private List<BenchConnection> senders = List.of();
    private int receivers = 1;
    private int nextSender;

    Pump(ByteBuf trigger) {
      this.trigger = trigger;
    }

    void start(List<BenchConnection> all, List<BenchConnection> senderList) {
      receivers = all.size();
      senders = senderList;
    }

    @Override
    public void onFrame(BenchConnection connection, ByteBuf content) {
      deliveries.add(format.countMessages(content, WireFormat.INVOCATION));
      fill();
    }

    /** Sends until {@code window} broadcasts are outstanding. */
    void fill() {
      if (senders.isEmpty()) {
        return;
      }
      long delivered = deliveries.get() / receivers;
      while (running.on() && sent - delivered < window) {
        senders.get(nextSender++ % senders.size()).send(trigger.duplicate());
        sent++;
      }
    }

    /** Waits until every sent broadcast reached every connection; returns what is missing. */
    long awaitDrained(long timeoutMillis) throws InterruptedException {
      long deadline = ScenarioContext.deadline(timeoutMillis);
      while (System.nanoTime() < deadline && deliveries.get() < sent * receivers) {
        Thread.sleep(10);
      }
      return sent * receivers - deliveries.get();
    }
  }
}
