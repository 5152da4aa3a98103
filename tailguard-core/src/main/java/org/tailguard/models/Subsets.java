package org.tailguard.models;

import org.apache.commons.rng.UniformRandomProvider;

/** Uniform subsets drawn without replacement. */
public final class Subsets {
  private Subsets() {}

  /**
   * The first {@code n} entries of a uniformly random permutation of {@code 0..size-1}: a uniform
   * n-subset in uniformly random order (a partial Fisher–Yates shuffle; Knuth, TAOCP vol. 2, Alg. 3.4.2P).
   */
  public static int[] firstOfShuffle(int size, int n, UniformRandomProvider rng) {
    int[] perm = new int[size];
    for (int i = 0; i < size; i++) {
      perm[i] = i;
    }
    for (int i = 0; i < n; i++) {
      int j = i + rng.nextInt(size - i);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    return n == size ? perm : java.util.Arrays.copyOf(perm, n);
  }
}
