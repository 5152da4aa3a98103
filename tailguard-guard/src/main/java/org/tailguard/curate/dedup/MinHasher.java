package org.tailguard.curate.dedup;

import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.spec.Check;

/**
 * MinHash signatures (Broder 1997; Broder, Charikar, Frieze and Mitzenmacher, "Min-wise independent
 * permutations", STOC 1998): component i of a set's signature is the minimum of the i-th hash function over
 * the set, so two sets agree on a component with probability equal to their Jaccard index J, and the share
 * of equal components is an unbiased estimate of J with standard error √(J(1 − J)/k).
 *
 * <p>The k hash functions are drawn from Dietzfelbinger's multiply-add-shift family ("Universal hashing and
 * k-wise independent random variables via integer arithmetic without primes", STACS 1996):
 * h_i(x) = ⌊((a_i·x + b_i) mod 2⁶⁴) / 2³²⌋ for a 32-bit key x and 64-bit a_i, b_i drawn from the seeded
 * stream, a strongly universal (2-independent) family onto 32 bits. It plays the role of datatrove's and
 * text-dedup's (a·x + b) mod (2⁶¹ − 1) family without a modulo, so the inner loop vectorises. The key x is
 * the top 32 bits of a shingle's 64-bit hash, which is already a random-looking value, so the composed
 * functions behave as min-wise independent in practice (the property test checks the estimator's bias).
 * Components are 32-bit unsigned values, as in datatrove's default ({@code use_64bit_hashes = False}).
 */
public final class MinHasher {
  private final long[] a;
  private final long[] b;

  /**
   * Draws {@code numPerm} hash functions.
   *
   * @param numPerm the signature length k, at least 1
   * @param rng the seeded stream the coefficients are drawn from (same stream ⇒ same functions)
   */
  public MinHasher(int numPerm, UniformRandomProvider rng) {
    Check.atLeast("dedup.numPerm", numPerm, 1);
    a = new long[numPerm];
    b = new long[numPerm];
    for (int i = 0; i < numPerm; i++) {
      a[i] = rng.nextLong();
      b[i] = rng.nextLong();
    }
  }

  /** The signature length k. */
  public int numPerm() {
    return a.length;
  }

  /**
   * The signature of a set given by shingle hashes (repeats allowed: a minimum ignores them).
   *
   * @param shingles 64-bit shingle hashes
   * @param n how many leading entries of {@code shingles} to use
   * @return k unsigned 32-bit minima stored in ints, or null for an empty set (which matches nothing)
   */
  public int[] signature(long[] shingles, int n) {
    if (n == 0) {
      return null;
    }
    int k = a.length;
    long[] min = new long[k];
    java.util.Arrays.fill(min, Long.MAX_VALUE);
    for (int s = 0; s < n; s++) {
      long x = shingles[s] >>> 32;
      for (int i = 0; i < k; i++) {
        min[i] = Math.min(min[i], (a[i] * x + b[i]) >>> 32);
      }
    }
    int[] sig = new int[k];
    for (int i = 0; i < k; i++) {
      sig[i] = (int) min[i];
    }
    return sig;
  }

  /** The share of equal components: the MinHash estimate of the Jaccard index. */
  public static double estimate(int[] x, int[] y) {
    if (x == null || y == null) {
      return 0;
    }
    if (x.length != y.length) {
      throw new IllegalArgumentException("signatures differ in length: " + x.length + " vs " + y.length);
    }
    int eq = 0;
    for (int i = 0; i < x.length; i++) {
      eq += x[i] == y[i] ? 1 : 0;
    }
    return eq / (double) x.length;
  }
}
