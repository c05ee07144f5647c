package io.switchboard.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The input mix of a fuzz run: mutated seeds (the protocol reference's vectors), generated
 * structured inputs as they are and mutated, and plain random bytes.
 */
public final class Inputs {

  private Inputs() {}

  /**
   * The mix over {@code seeds} and {@code structured}: 35% a mutated seed, 30% a structured input,
   * 25% a mutated structured input, 5% a seed as it is, 5% random bytes.
   */
  public static Function<RandomGenerator, byte[]> mix(
      List<byte[]> seeds, Function<RandomGenerator, byte[]> structured) {
    List<byte[]> corpus = new ArrayList<>(seeds);
    return random -> {
      int pick = random.nextInt(100);
      if (pick < 35) {
        return Mutator.mutate(corpus.get(random.nextInt(corpus.size())), corpus, random);
      } else if (pick < 65) {
        return structured.apply(random);
      } else if (pick < 90) {
        return Mutator.mutate(structured.apply(random), corpus, random);
      } else if (pick < 95) {
        return corpus.get(random.nextInt(corpus.size()));
      }
      return Mutator.randomBytes(random, 64);
    };
  }
}
