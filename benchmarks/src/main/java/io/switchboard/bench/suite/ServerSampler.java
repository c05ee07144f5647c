package io.switchboard.bench.suite;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Samples a Switchboard server's memory (RSS, heap in use, Netty direct memory) and the number of
 * connections it dropped, on its own thread every {@code periodMillis}, until stopped (S10). The
 * server's command channel is the sampler's alone meanwhile.
 */
final class ServerSampler {
  /** One sample; {@code seconds} since the sampler started. */
  record Sample(double seconds, long rss, long heap, long direct, long dropped) {}

  private final ServerProcess server;
  private final long periodMillis;
  private final long startNanos = System.nanoTime();
  private final List<Sample> samples = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile IOException failure;

  private ServerSampler(ServerProcess server, long periodMillis) {
    this.server = server;
    this.periodMillis = periodMillis;
    this.thread = new Thread(this::loop, "server-sampler");
  }

  /** Takes a first sample at once, then one every {@code periodMillis}. */
  static ServerSampler start(ServerProcess server, long periodMillis) {
    ServerSampler sampler = new ServerSampler(server, periodMillis);
    sampler.thread.setDaemon(true);
    sampler.thread.start();
    return sampler;
  }

  private void loop() {
    try {
      while (running) {
        long[] memory = server.memoryNow();
        Sample sample =
            new Sample((System.nanoTime() - startNanos) / 1e9, server.rssBytes(), memory[0], memory[1], server.droppedConnections());
        synchronized (samples) {
          samples.add(sample);
        }
        Thread.sleep(periodMillis);
      }
    } catch (IOException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops sampling and returns the samples. */
  List<Sample> stop() throws IOException, InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(10_000);
    if (failure != null) {
      throw failure;
    }
    synchronized (samples) {
      return new ArrayList<>(samples);
    }
  }

  /**
   * {@code rss_mb=<first>/<max>/<last> heap_mb=.. direct_mb=..}, then when the drops happened:
   * {@code dropped=<n> first_drop_s=.. last_drop_s=..} (seconds since the start, at the sampling
   * period's resolution), then a timeline of every {@code everySeconds}: {@code
   * timeline=<s>:<rss MB>/<direct MB>/<dropped>,...}.
   */
  static String describe(List<Sample> samples, double everySeconds) {
    if (samples.isEmpty()) {
      return "samples=0";
    }
    StringBuilder out = new StringBuilder();
    out.append(range("rss_mb", samples, Sample::rss))
        .append(range(" heap_used_mb", samples, Sample::heap))
        .append(range(" direct_mb", samples, Sample::direct));
    long dropped0 = samples.get(0).dropped();
    long dropped = samples.get(samples.size() - 1).dropped() - dropped0;
    out.append(" dropped=").append(dropped);
    if (dropped > 0) {
      Sample first = samples.stream().filter(s -> s.dropped() > dropped0).findFirst().orElseThrow();
      Sample last = samples.stream().filter(s -> s.dropped() - dropped0 == dropped).findFirst().orElseThrow();
      out.append(String.format(Locale.ROOT, " first_drop_s=%.1f last_drop_s=%.1f", first.seconds(), last.seconds()));
    }
    out.append(" timeline=");
    double next = 0;
    for (Sample s : samples) {
      if (s.seconds() >= next || s == samples.get(samples.size() - 1)) {
        out.append(String.format(Locale.ROOT, "%.0f:%.0f/%.0f/%d,", s.seconds(), mb(s.rss()), mb(s.direct()), s.dropped() - dropped0));
        next = s.seconds() + everySeconds;
      }
    }
    out.setLength(out.length() - 1);
    return out.toString();
  }

  private static String range(String name, List<Sample> samples, ToLongFunction<Sample> value) {
    long max = samples.stream().mapToLong(value).max().orElse(-1);
    return String.format(
        Locale.ROOT,
        "%s=%.1f/%.1f/%.1f",
        name,
        mb(value.applyAsLong(samples.get(0))),
        mb(max),
        mb(value.applyAsLong(samples.get(samples.size() - 1))));
  }

  private static double mb(long bytes) {
    return bytes / 1048576.0;
  }
}
