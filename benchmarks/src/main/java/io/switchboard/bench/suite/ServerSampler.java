package io.switchboard.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples a Switchboard server's memory (RSS, heap in use, Netty direct memory), the kernel's TCP
 * memory (the whole machine's, from /proc/net/sockstat: socket buffers of every process) and the
 * number of connections the server dropped, on its own thread every {@code periodMillis}, until stopped (S10). The
 * server's command channel is the sampler's alone meanwhile.
 */
final class ServerSampler {
  /**
   * One sample; {@code seconds} since the sampler started; {@code dropped} connections in all,
   * {@code overLimit} of them for the outbound limit, {@code timedOut} for the send timeout.
   */
  record Sample(
      double seconds, long rss, long heap, long direct, long kernelTcp, long dropped, long overLimit, long timedOut) {}

  private static final Pattern TCP_MEM = Pattern.compile("^TCP:.* mem ([0-9]+)");
  private static final long PAGE_BYTES = 4096;

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
        long[] dropped = server.droppedConnections();
        Sample sample =
            new Sample(
                (System.nanoTime() - startNanos) / 1e9,
                server.rssBytes(),
                memory[0],
                memory[1],
                kernelTcpBytes(),
                dropped[0],
                dropped[1],
                dropped[2]);
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

  /**
   * Waits until the server has dropped {@code count} connections since sampling started, or for
   * {@code timeoutMillis}; returns how long it waited, in milliseconds.
   */
  long awaitDropped(long count, long timeoutMillis) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = ScenarioContext.deadline(timeoutMillis);
    while (System.nanoTime() < deadline && droppedSoFar() < count && thread.isAlive()) {
      Thread.sleep(100);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private long droppedSoFar() {
    synchronized (samples) {
      return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).dropped() - samples.get(0).dropped();
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
   * {@code rss_mb=<first>/<max>/<last> heap_mb=.. direct_mb=..}, then the drops, why and when:
   * {@code dropped=<n> outbound_limit=.. send_timeout=.. first_drop_s=.. last_drop_s=..} (seconds
   * since the start, at the sampling period's resolution), then a timeline of every {@code
   * everySeconds}: {@code
   * timeline=<s>:<rss MB>/<direct MB>/<kernel TCP MB>/<dropped>,...}.
   */
  static String describe(List<Sample> samples, double everySeconds) {
    if (samples.isEmpty()) {
      return "samples=0";
    }
    StringBuilder out = new StringBuilder();
    out.append(range("rss_mb", samples, Sample::rss))
        .append(range(" heap_used_mb", samples, Sample::heap))
        .append(range(" direct_mb", samples, Sample::direct))
        .append(range(" kernel_tcp_mb", samples, Sample::kernelTcp));
    Sample start = samples.get(0);
    Sample end = samples.get(samples.size() - 1);
    long dropped0 = start.dropped();
    long dropped = end.dropped() - dropped0;
    out.append(" dropped=").append(dropped)
        .append(" outbound_limit=").append(end.overLimit() - start.overLimit())
        .append(" send_timeout=").append(end.timedOut() - start.timedOut());
    if (dropped > 0) {
      Sample first = samples.stream().filter(s -> s.dropped() > dropped0).findFirst().orElseThrow();
      Sample last = samples.stream().filter(s -> s.dropped() - dropped0 == dropped).findFirst().orElseThrow();
      out.append(String.format(Locale.ROOT, " first_drop_s=%.1f last_drop_s=%.1f", first.seconds(), last.seconds()));
    }
    out.append(" timeline=");
    double next = 0;
    for (Sample s : samples) {
      if (s.seconds() >= next || s == samples.get(samples.size() - 1)) {
        out.append(
            String.format(
                Locale.ROOT,
                "%.0f:%.0f/%.0f/%.0f/%d,",
                s.seconds(),
                mb(s.rss()),
                mb(s.direct()),
                mb(s.kernelTcp()),
                s.dropped() - dropped0));
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

  /** TCP socket memory of the whole machine, in bytes ({@code mem} pages of /proc/net/sockstat), or -1. */
  private static long kernelTcpBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/net/sockstat"))) {
        Matcher m = TCP_MEM.matcher(line);
        if (m.find()) {
          return Long.parseLong(m.group(1)) * PAGE_BYTES;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  private static double mb(long bytes) {
    return bytes / 1048576.0;
  }
}
