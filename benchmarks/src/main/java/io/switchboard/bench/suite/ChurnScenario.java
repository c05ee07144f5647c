package io.switchboard.bench.suite;

import io.switchboard.bench.client.FallbackTransport;
import io.switchboard.bench.client.FrameListener;
import io.switchboard.bench.client.LoadClient;
import io.switchboard.bench.client.Target;
import io.switchboard.bench.client.WireFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Churn and soak (issue 16): does anything stay behind when connections come and go? On a fresh
 * Switchboard server per variant, {@code churnCycles} full connects, each closed as soon as it is
 * ready ({@value #CONCURRENCY} at a time), over WebSockets ({@code CHURN-ws}), Server-Sent Events
 * ({@code CHURN-sse}) and long polling ({@code CHURN-lp}, the client dropping its poll), and
 * {@code churnNegotiates} negotiates never followed by a transport ({@code CHURN-negotiate}, which
 * the server drops after its disconnect timeout).
 *
 * <p>Figure: the server's heap after full collections after a second round of cycles, minus after
 * the first, per cycle: 0 within noise when nothing leaks. The first round warms up and grows what
 * is sized by the peak number of live connections and then kept (hash tables do not shrink): a
 * first round of a tenth left 24 B/cycle behind for long polling, whose dropped polls keep their
 * connections for the disconnect timeout, so that up to all 10,000 were alive at once, and none
 * after a full first round.
 *
 * <p>Where the server ends connections only after its disconnect timeout (unattached negotiates,
 * dropped polls), each round is followed by a wait of {@code churnDisconnectWaitMillis} (its 15 s,
 * the heartbeat's scan and a margin: 20 s; none in smoke mode, whose figures only show that the
 * scenario runs). The baseline is the first of two readings a second apart that agree within
 * {@value #BASELINE_SLACK_BYTES} bytes; after the second round the heap is polled until it is back
 * within as much of the baseline; both for up to {@code churnSettleMillis} (25 s, 5 s in smoke
 * mode). Switchboard
 * only: a raw ceiling keeps no connection state, so the line has no ceiling.
 */
final class ChurnScenario {
  private static final int CONCURRENCY = 32;
  private static final long SETTLE_POLL_MILLIS = 1_000;
  private static final long BASELINE_SLACK_BYTES = 64 * 1024;
  private static final long CYCLES_MAX_MILLIS = 600_000;

  private final SuiteConfig config;
  private final Pinning pinning;
  private final Report report;

  ChurnScenario(SuiteConfig config, Pinning pinning, Report report) {
    this.config = config;
    this.pinning = pinning;
    this.report = report;
  }

  /** Runs the variants {@code --only} selects. */
  void run(LoadClient client) {
    variant("CHURN-ws", config.churnCycles, 0, target -> () -> client.connect(target, FrameListener.NONE)
        .thenApply(connection -> (Runnable) connection::close));
    for (FallbackTransport transport : FallbackTransport.values()) {
      // A dropped poll ends its connection only after the disconnect timeout.
      long settle = transport == FallbackTransport.LONG_POLLING ? config.churnDisconnectWaitMillis : 0;
      variant("CHURN-" + transport.shortName(), config.churnCycles, settle,
          target -> () -> client.receive(target, transport, messages -> {})
              .thenApply(connection -> (Runnable) connection::close));
    }
    variant("CHURN-negotiate", config.churnNegotiates, config.churnDisconnectWaitMillis,
        target -> () -> client.negotiate(target).thenApply(token -> (Runnable) () -> {}));
  }

  /** How one variant opens a connection on a target: completes with what closes it. */
  @FunctionalInterface
  private interface Opener {
    Supplier<CompletableFuture<Runnable>> on(Target target);
  }

  /**
   * Waits {@code minSettleMillis} after the warm-up and after the cycles before the heap counts
   * (for what the server ends only after its disconnect timeout).
   */
  private void variant(String name, int cycles, long minSettleMillis, Opener opener) {
    if (!config.selected(name)) {
      return;
    }
    try (ServerProcess server = ServerProcess.start(ServerKind.SWITCHBOARD, name, config, pinning)) {
      Supplier<CompletableFuture<Runnable>> open = opener.on(ServerKind.SWITCHBOARD.target(server.port(), WireFormat.JSON));
      Cycles.run(open, cycles, CONCURRENCY, CYCLES_MAX_MILLIS); // the first round: see the class comment
      Thread.sleep(minSettleMillis);
      long baseline = steadyHeap(server, config.churnSettleMillis);
      long t0 = System.nanoTime();
      int[] done = Cycles.run(open, cycles, CONCURRENCY, CYCLES_MAX_MILLIS);
      long cycleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      long settleStart = System.nanoTime();
      Thread.sleep(minSettleMillis);
      long after = settledHeap(server, baseline + BASELINE_SLACK_BYTES, config.churnSettleMillis);
      long settleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - settleStart);
      String detail = "cycles=" + done[0] + " failed=" + done[1] + " heap_before=" + baseline + " heap_after=" + after
          + " cycles_ms=" + cycleMillis + " settle_ms=" + settleMillis;
      report.detail(name, ServerKind.SWITCHBOARD.argument(), detail);
      if (done[0] == 0) {
        report.failed(name, "no cycle completed (" + detail + ")");
      } else {
        report.single(new Measurement(name, (double) (after - baseline) / done[0], "bytes/cycle", detail));
      }
    } catch (Exception e) {
      report.failed(name, e.toString());
    }
  }

  /**
   * Heap after full collections, polled until two readings a second apart are within {@value
   * #BASELINE_SLACK_BYTES} bytes (the last closes of a round are still being handled) or {@code
   * maxMillis} have passed.
   */
  private static long steadyHeap(ServerProcess server, long maxMillis) throws Exception {
    long deadline = ScenarioContext.deadline(maxMillis);
    long previous = server.heapAfterGc();
    while (System.nanoTime() < deadline) {
      Thread.sleep(SETTLE_POLL_MILLIS);
      long heap = server.heapAfterGc();
      if (Math.abs(heap - previous) <= BASELINE_SLACK_BYTES) {
        return heap;
      }
      previous = heap;
    }
    return previous;
  }

  /** Heap after full collections, polled until it is at most {@code target} or {@code maxMillis} have passed. */
  private static long settledHeap(ServerProcess server, long target, long maxMillis) throws Exception {
    long deadline = ScenarioContext.deadline(maxMillis);
    long heap = server.heapAfterGc();
    while (heap > target && System.nanoTime() < deadline) {
      Thread.sleep(SETTLE_POLL_MILLIS);
      heap = server.heapAfterGc();
    }
    return heap;
  }
}
