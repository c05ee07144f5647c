package io.switchboard.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * A seeded fuzz run over one parser: feeds it {@link FuzzConfig#inputs()} generated inputs and
 * fails with every input that made it misbehave. Misbehaving is: throwing anything the target does
 * not accept as the documented failure, allocating more than {@link #allocationBudget(int)} for
 * one input (a parser that trusts a claimed but unsent length), or making no progress for {@link
 * #HANG_LIMIT_SECONDS} (a hang). Input {@code i} comes from a generator seeded with {@code seed} and
 * {@code i} alone, so any failure is reproduced from the two numbers printed.
 */
public final class FuzzLoop {

  /** The parser under test: returns for an accepted outcome, throws for a finding. */
  @FunctionalInterface
  public interface Target {
    /** Parses {@code input}; checks the outcome. */
    void accept(byte[] input) throws Exception;
  }

  /** How long one input may run before the run is reported as hung (a guard, not a measure). */
  static final int HANG_LIMIT_SECONDS = 60;

  private static final int MAX_REPORTED = 10;
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

  private final String name;
  private final Function<RandomGenerator, byte[]> inputs;
  private final Target target;
  private final List<String> findings = new ArrayList<>();
  private volatile long done;
  private volatile byte[] current = new byte[0];

  private FuzzLoop(String name, Function<RandomGenerator, byte[]> inputs, Target target) {
    this.name = name;
    this.inputs = inputs;
    this.target = target;
  }

  /**
   * Runs {@code target} on {@link FuzzConfig#inputs()} inputs made by {@code inputs}, prints a
   * {@code FUZZ} summary line and fails listing the first findings.
   */
  public static void run(String name, Function<RandomGenerator, byte[]> inputs, Target target)
      throws InterruptedException {
    new FuzzLoop(name, inputs, target).run();
  }

  /**
   * The most one input may allocate: parsing copies and tokenizes its input a few times, so a
   * fixed allowance plus a multiple of the input's size; far below what trusting a claimed
   * length of megabytes (or 2^31) would take.
   */
  public static long allocationBudget(int inputLength) {
    return 8L * 1024 * 1024 + 256L * inputLength;
  }

  private void run() throws InterruptedException {
    long inputCount = FuzzConfig.inputs();
    long seed = FuzzConfig.seed();
    long started = System.nanoTime();
    Thread worker = new Thread(() -> feed(inputCount, seed), "fuzz-" + name);
    worker.setDaemon(true);
    worker.start();
    long lastDone = -1;
    long unchangedSince = System.nanoTime();
    while (worker.isAlive()) {
      worker.join(1000);
      long now = System.nanoTime();
      if (done != lastDone) {
        lastDone = done;
        unchangedSince = now;
      } else if (now - unchangedSince > TimeUnit.SECONDS.toNanos(HANG_LIMIT_SECONDS)) {
        worker.interrupt();
        fail(name + ": input #" + done + " (seed " + seed + ") hangs: " + HEX.formatHex(current));
      }
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    System.out.printf(
        "FUZZ %s: %d inputs, %d failures, %d ms, seed %d%n",
        name, done, findings.size(), millis, seed);
    if (!findings.isEmpty()) {
      fail(name + ": " + findings.size() + " failing input(s) with seed " + seed + ":\n"
          + String.join("\n", findings.subList(0, Math.min(MAX_REPORTED, findings.size()))));
    }
  }

  private void feed(long inputCount, long seed) {
    for (long i = 0; i < inputCount; i++) {
      byte[] input = inputs.apply(new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i));
      current = input;
      long before = Allocations.counter();
      try {
        target.accept(input);
        long allocated = Allocations.counter() - before;
        if (allocated > allocationBudget(input.length)) {
          record(i, input, "allocated " + allocated + " bytes for " + input.length);
        }
      } catch (Throwable e) { // every other outcome, an Error too, is a finding
        record(i, input, e.toString() + at(e));
      }
      done = i + 1;
    }
  }

  private static String at(Throwable e) {
    StackTraceElement[] trace = e.getStackTrace();
    return trace.length == 0 ? "" : " at " + trace[0];
  }

  private synchronized void record(long index, byte[] input, String what) {
    findings.add("#" + index + " " + what + "\n    input: " + HEX.formatHex(input));
  }
}
