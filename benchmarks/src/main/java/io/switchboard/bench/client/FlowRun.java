package io.switchboard.bench.client;

import java.util.concurrent.Executor;
import org.HdrHistogram.Histogram;

/**
 * One measured run of an {@link OrderedFlow}: a warm-up, a measured window, then the sender
 * stops and the stragglers are awaited. The same steps drive Switchboard's nodes and the raw
 * Redis ceiling, so both are measured alike.
 */
public final class FlowRun {
  /** Called at the edges of the measured window (to sample CPU time, other counters). */
  public interface Edges {
    /** The window begins. */
    void begin() throws Exception;

    /** The window ends. */
    void end() throws Exception;
  }

  /**
   * What a run gave.
   *
   * @param rate arrivals per second in the window
   * @param arrivals arrivals in the window
   * @param nanos length of the window
   * @param latency latencies recorded in the window
   * @param lost messages sent that never arrived
   */
  public record Outcome(double rate, long arrivals, long nanos, Histogram latency, long lost) {}

  private FlowRun() {}

  /** Closed loop: {@code flow} starts filling its window on {@code sender}. */
  public static Outcome closedLoop(OrderedFlow flow, Executor sender, long warmupMillis, long measureMillis, Edges edges)
      throws Exception {
    sender.execute(flow::fill);
    return measure(flow, warmupMillis, measureMillis, edges, () -> {});
  }

  /** Open loop: a {@link Pacer} issues {@code rate} messages per second on {@code sender}. */
  public static Outcome paced(
      OrderedFlow flow, Executor sender, double rate, long warmupMillis, long measureMillis, Edges edges)
      throws Exception {
    Pacer pacer = new Pacer(sender, rate, flow);
    Thread thread = pacer.start("flow-pacer");
    return measure(
        flow,
        warmupMillis,
        measureMillis,
        edges,
        () -> {
          pacer.stop();
          thread.join();
        });
  }

  private interface Stop {
    void run() throws InterruptedException;
  }

  private static Outcome measure(OrderedFlow flow, long warmupMillis, long measureMillis, Edges edges, Stop stop)
      throws Exception {
    Thread.sleep(warmupMillis);
    flow.interval();
    long arrivals0 = flow.arrivals();
    long t0 = System.nanoTime();
    edges.begin();
    Thread.sleep(measureMillis);
    long arrivals1 = flow.arrivals();
    long t1 = System.nanoTime();
    edges.end();
    Histogram latency = flow.interval();
    stop.run();
    flow.stop();
    long lost = flow.awaitDrained(5_000);
    long arrivals = arrivals1 - arrivals0;
    return new Outcome(arrivals * 1e9 / (t1 - t0), arrivals, t1 - t0, latency, lost);
  }
}
