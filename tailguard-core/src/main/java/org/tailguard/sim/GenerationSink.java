package org.tailguard.sim;

import java.util.List;
import org.tailguard.models.Indicator;

/**
 * Receives each finished generation of a run: one row of indicator values per chain.
 *
 * <p>The run store implements this to persist per-chain metrics; a benchmark passes {@link #NONE}.
 * {@link #generation} is called from the simulator's thread, in generation order, after every chain of
 * the generation has finished.
 */
public interface GenerationSink {
  /** A sink that keeps nothing. */
  GenerationSink NONE = (g, v) -> {};

  /**
   * Called once before the first generation is delivered.
   *
   * @param indicators the recorded indicators, in the column order of {@link #generation}'s rows
   * @param resumeAfter the last generation already delivered in an earlier, interrupted attempt, or -1;
   *     a sink must discard anything it holds for later generations
   */
  default void start(List<Indicator> indicators, int resumeAfter) {}

  /**
   * One finished generation.
   *
   * @param generation the generation
   * @param values {@code values[chain][i]} is indicator i of that chain; NaN where undefined
   */
  void generation(int generation, double[][] values);
}
