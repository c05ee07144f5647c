package io.switchboard.bench.server;

import io.switchboard.bench.client.FlowRun;
import io.switchboard.bench.client.OrderedFlow;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The commands of a cross-node ceiling (see {@link ServerControl}): messages from one sender to a
 * receiver standing for node B, over the bus alone. Each prints {@code MEASURING} and {@code
 * MEASURED} at the edges of its window, then {@code PUBSUB rate=<messages/s at B> lost=<n>
 * samples=.. p50_us=.. ...}:
 *
 * <ul>
 *   <li>{@code throughput <bytes> <window> <warmup ms> <measure ms>}: closed loop, {@code window}
 *       messages in flight
 *   <li>{@code paced <bytes> <rate> <warmup ms> <measure ms>}: open loop at {@code rate} messages/s
 * </ul>
 *
 * The ceiling gives the sending of one message and tells {@link #arrived} of arrivals at B.
 */
abstract class FlowCommands implements ServerControl.Commands {
  private final ExecutorService sender = Executors.newSingleThreadExecutor();
  private volatile OrderedFlow flow;

  /** Sends one message of this content to the bus. */
  abstract void send(byte[] message);

  /** {@code count} messages reached node B's stand-in now. */
  final void arrived(int count) {
    OrderedFlow current = flow;
    if (current != null) {
      current.arrived(count);
    }
  }

  @Override
  public final boolean run(String line) throws Exception {
    String[] words = line.split(" ");
    boolean paced = "paced".equals(words[0]);
    if (!paced && !"throughput".equals(words[0])) {
      return false;
    }
    byte[] message = new byte[Integer.parseInt(words[1])];
    Arrays.fill(message, (byte) 'x');
    double amount = Double.parseDouble(words[2]);
    long warmup = Long.parseLong(words[3]);
    long measure = Long.parseLong(words[4]);
    OrderedFlow next = new OrderedFlow(() -> send(message), paced ? 0 : (int) amount);
    flow = next;
    FlowRun.Edges edges =
        new FlowRun.Edges() {
          @Override
          public void begin() {
            System.out.println("MEASURING");
            System.out.flush();
          }

          @Override
          public void end() {
            System.out.println("MEASURED");
            System.out.flush();
          }
        };
    FlowRun.Outcome outcome =
        paced
            ? FlowRun.paced(next, sender, amount, warmup, measure, edges)
            : FlowRun.closedLoop(next, sender, warmup, measure, edges);
    flow = null;
    System.out.println(
        String.format(Locale.ROOT, "PUBSUB rate=%.1f lost=%d ", outcome.rate(), outcome.lost())
            + OrderedFlow.percentiles(outcome.latency())
            + " "
            + next.counts());
    return true;
  }

  /** Stops the sender thread. */
  void shutdown() {
    sender.shutdownNow();
  }
}
