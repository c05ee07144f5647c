package io.switchboard.bench.suite;

import io.netty.buffer.ByteBuf;
import io.switchboard.bench.client.BenchConnection;
import io.switchboard.bench.client.FrameListener;
import io.switchboard.bench.client.LoadClient;
import io.switchboard.bench.client.MessageListener;
import io.switchboard.bench.client.WireFormat;
import java.util.List;
import java.util.Locale;

/**
 * The closed loop of the broadcast scenarios (S2, S3, S9, S10): senders send the trigger, {@code
 * Broadcast(payload)}, which the hub sends to every connection; the raw fan-out servers re-send
 * the frame they receive, so the trigger is the very message receivers get ({@code send}). Counts
 * the Invocations that arrive at the receivers it listens to, of any transport.
 *
 * <p>Flow control keeps the server's queues bounded: at most {@code window} broadcasts are in
 * flight, i.e. sent but not yet delivered to every receiver (judged by total deliveries). Runs
 * on the client's event loop.
 */
final class BroadcastPump implements FrameListener, MessageListener {
  private final WireFormat format;
  private final ByteBuf trigger;
  private final int payloadBytes;
  private final int window;
  /** Invocations delivered to the receivers. */
  final Counter deliveries = new Counter();
  /** Frames, events or poll answers that carried them. */
  final Counter batches = new Counter();
  private final Flag running = new Flag();
  private volatile long sent;
  private List<BenchConnection> senders = List.of();
  private int receivers = 1;
  private int nextSender;

  private BroadcastPump(WireFormat format, ByteBuf trigger, int payloadBytes, int window) {
    this.format = format;
    this.trigger = trigger;
    this.payloadBytes = payloadBytes;
    this.window = window;
  }

  /** A pump of {@code payloadBytes}-character broadcasts for the server of {@code context}. */
  static BroadcastPump of(ScenarioContext context, WireFormat format, int payloadBytes, int window) {
    String target = context.kind().raw() ? "send" : "Broadcast";
    return new BroadcastPump(
        format, Frames.shared(format.invocation(null, target, Frames.payload(payloadBytes))), payloadBytes, window);
  }

  /** Starts sending round-robin over {@code senderList}; {@code receiverCount} receivers listen. */
  void start(LoadClient client, List<BenchConnection> senderList, int receiverCount) {
    receivers = receiverCount;
    senders = senderList;
    client.loop().execute(this::fill);
  }

  @Override
  public void onFrame(BenchConnection connection, ByteBuf content) {
    onMessages(content);
  }

  @Override
  public void onMessages(ByteBuf messages) {
    int n = format.countMessages(messages, WireFormat.INVOCATION);
    if (n > 0) {
      deliveries.add(n);
      batches.add(1);
    }
    fill();
  }

  /** Sends until {@code window} broadcasts are outstanding. */
  private void fill() {
    if (senders.isEmpty()) {
      return;
    }
    long delivered = deliveries.get() / receivers;
    while (running.on() && sent - delivered < window) {
      senders.get(nextSender++ % senders.size()).send(trigger.duplicate());
      sent++;
    }
  }

  /**
   * Stops sending and waits up to {@code timeoutMillis} until every sent broadcast reached every
   * receiver; returns the deliveries still missing then.
   */
  long stop(long timeoutMillis) throws InterruptedException {
    running.off();
    long deadline = ScenarioContext.deadline(timeoutMillis);
    while (System.nanoTime() < deadline && deliveries.get() < sent * receivers) {
      Thread.sleep(10);
    }
    return sent * receivers - deliveries.get();
  }

  /** Bytes per second each receiver got in the window (the message's size as the sender sent it). */
  double bytesPerReceiver(Window measured) {
    return measured.rate() / receivers * trigger.readableBytes();
  }

  /**
   * The figure of a broadcast scenario, deliveries/s over {@code measured}, with the DETAIL every
   * one reports ({@code server_cpu_us_per_delivery=.. ... broadcasts_per_s=.. payload=.. lost=..})
   * followed by the scenario's own {@code facts} ({@code " key=value ..."}).
   */
  Measurement measurement(String name, Window measured, long lost, String facts) {
    return new Measurement(
        name,
        measured.rate(),
        "deliveries/s",
        measured.cpuDetail("delivery")
            + String.format(Locale.ROOT, " broadcasts_per_s=%.0f", measured.rate() / receivers)
            + " payload=" + payloadBytes + "B"
            + " lost=" + lost
            + facts);
  }
}
