package org.tailguard.models.categorical;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AliasMethodDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;

/**
 * A fixed categorical distribution over K outcomes that real data are drawn from.
 *
 * <p>Two samplers, chosen per call by cost: for n below the support size, n single draws by Walker's
 * alias method (Vose, IEEE TSE 17, 1991; Commons RNG {@code AliasMethodDiscreteSampler}, O(1) per draw)
 * then a sort, O(n log n) whatever K is; otherwise conditional binomials over the support
 * ({@link Multinomial}), O(support). Both are exact multinomial draws.
 */
final class TrueDistribution {
  private final int outcomes;
  private final int[] support;  // outcomes with positive probability, increasing
  private final double[] mass;  // their probabilities
  private final double[] suffix;
  private final SharedStateDiscreteSampler alias; // over positions in support; bound to a placeholder stream

  /** The distribution with probabilities {@code p} (non-negative, summing to 1); p is not kept. */
  TrueDistribution(double[] p) {
    this.outcomes = p.length;
    int s = 0;
    for (double x : p) {
      s += x > 0 ? 1 : 0;
    }
    support = new int[s];
    mass = new double[s];
    for (int i = 0, j = 0; i < p.length; i++) {
      if (p[i] > 0) {
        support[j] = i;
        mass[j++] = p[i];
      }
    }
    suffix = Multinomial.suffixSums(mass);
    alias = AliasMethodDiscreteSampler.of(PLACEHOLDER, mass);
  }

  int outcomes() {
    return outcomes;
  }

  /** The number of outcomes with positive probability. */
  int supportSize() {
    return support.length;
  }

  /** n independent draws, as counts. */
  Counts sample(int n, UniformRandomProvider rng) {
    if (n >= support.length) {
      return Multinomial.ofWeights(outcomes, support, mass, suffix, n, rng);
    }
    SharedStateDiscreteSampler draw = alias.withUniformRandomProvider(rng);
    int[] pos = new int[n];
    for (int i = 0; i < n; i++) {
      pos[i] = draw.sample();
    }
    Arrays.sort(pos);
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      distinct += i == 0 || pos[i] != pos[i - 1] ? 1 : 0;
    }
    int[] idx = new int[distinct];
    int[] cnt = new int[distinct];
    for (int i = 0, j = -1; i < n; i++) {
      if (i == 0 || pos[i] != pos[i - 1]) {
        idx[++j] = support[pos[i]];
      }
      cnt[j]++;
    }
    return new Counts(outcomes, idx, cnt, n);
  }

  /** The alias tables are built once and shared; every draw goes through a per-call stream. */
  private static final UniformRandomProvider PLACEHOLDER = () -> {
    throw new IllegalStateException("draw through withUniformRandomProvider");
  };
}
