package io.switchboard.fuzz;

/**
 * How much to fuzz: {@code -Dfuzz.inputs=N} inputs per parser (default {@value #SHORT_RUN}, a
 * few seconds, the run of {@code mvn verify}) and {@code -Dfuzz.seed=S} (default fixed, so the
 * short run is the same on every build). The long run: {@code mvn -B -pl core -Pfuzz-long test}.
 */
public final class FuzzConfig {

  /** Inputs per parser of the short run. */
  public static final long SHORT_RUN = 50_000;

  private static final long DEFAULT_SEED = 0x5EED_2026L;

  private FuzzConfig() {}

  /** Inputs per parser. */
  public static long inputs() {
    return Long.getLong("fuzz.inputs", SHORT_RUN);
  }

  /** The run's seed. */
  public static long seed() {
    return Long.getLong("fuzz.seed", DEFAULT_SEED);
  }
}
