package org.tailguard.random;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoRoShiRo128PlusPlus;

/**
 * Seeded random streams derived from {@code (seed, chain, generation, purpose)}, never from thread order.
 *
 * <p>Every random draw in a run comes from a stream named by the experiment seed, the chain index, the
 * generation and the purpose of the draw (real data, fitting, sampling, subsampling). Because a stream
 * depends only on that name, a run gives the same bytes on 1 or 16 threads, and a run resumed from a
 * checkpoint at generation g draws exactly what an uninterrupted run would have drawn. The generator is
 * xoroshiro128++ (Blackman and Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 2021)
 * from Apache Commons RNG; its 128-bit state is filled by the SplitMix64 finaliser (Steele, Lea and Flood,
 * OOPSLA 2014) applied to a mix of the four name parts.
 */
public final class RandomStreams {

  /** What a stream is used for; each purpose gets an independent stream. */
  public enum Purpose {
    /** Drawing real (human) data from the true distribution. */
    REAL,
    /** Randomness inside a fit, such as EM initialisation. */
    FIT,
    /** Sampling synthetic data from a fitted model. */
    SAMPLE,
    /** Choosing subsets of a data pool. */
    WORKFLOW,
    /** Randomness inside an indicator, such as a k-NN subsample. */
    METRIC
  }

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private RandomStreams() {}

  /**
   * The stream for one draw purpose of one chain at one generation.
   *
   * @param seed the experiment seed
   * @param chain the chain index, 0-based
   * @param generation the generation, 0-based
   * @param purpose what the stream is used for
   * @return a fresh generator; callers own it and must not share it across threads
   */
  public static UniformRandomProvider derive(long seed, int chain, int generation, Purpose purpose) {
    long h = mix(seed);
    h = mix(h ^ (chain * GOLDEN + 0x632BE59BD9B4E019L));
    h = mix(h ^ (generation * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL));
    h = mix(h ^ (purpose.ordinal() + 1L) * 0xD6E8FEB86659FD93L);
    long s0 = mix(h + GOLDEN);
    long s1 = mix(h + 2 * GOLDEN);
    if ((s0 | s1) == 0) {
      s1 = GOLDEN; // xoroshiro's state must not be all zero
    }
    return new XoRoShiRo128PlusPlus(s0, s1);
  }

  /** A stream for work outside any chain, such as a benchmark or a test fixture. */
  public static UniformRandomProvider of(long seed) {
    return derive(seed, -1, -1, Purpose.REAL);
  }

  /** SplitMix64 finaliser: a bijective 64-bit mixer with full avalanche. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
