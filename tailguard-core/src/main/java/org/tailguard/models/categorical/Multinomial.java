package org.tailguard.models.categorical;

import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.random.Binomial;

/**
 * Multinomial draws by conditional binomials over the support only (the method of NumPy's
 * {@code Generator.multinomial}; Devroye, Non-Uniform Random Variate Generation, 1986, §XI.1).
 *
 * <p>With weights w_1..w_s and n draws, X_1 ~ Bin(n, w_1/W), then X_j ~ Bin(n − Σ_{l<j} X_l, w_j/Σ_{l≥j} w_l).
 * Outcomes of weight 0 are never visited, so a collapsed model costs O(support) however large K is, and
 * the loop stops as soon as all n draws are placed. Each binomial is O(1) expected time
 * ({@link Binomial}).
 */
final class Multinomial {
  private Multinomial() {}

  /**
   * n draws with probabilities weight[j]/total over outcomes index[j]; integer weights give the exact
   * conditional ratios weight[j]/Σ_{l≥j} weight[l].
   */
  static Counts ofCounts(int outcomes, int[] index, int[] weight, int total, int n, UniformRandomProvider rng) {
    int[] taken = new int[index.length];
    int left = n;
    int rest = total;
    for (int j = 0; j < index.length && left > 0; j++) {
      int w = weight[j];
      int x = w >= rest ? left : Binomial.sample(rng, left, (double) w / rest);
      taken[j] = x;
      left -= x;
      rest -= w;
    }
    return Counts.compact(outcomes, index, taken, n);
  }

  /**
   * n draws with probabilities proportional to weight[j] over outcomes index[j].
   *
   * @param suffix suffix[j] = Σ_{l≥j} weight[l], so that each ratio weight[j]/suffix[j] is at most 1
   */
  static Counts ofWeights(int outcomes, int[] index, double[] weight, double[] suffix, int n,
      UniformRandomProvider rng) {
    int[] taken = new int[index.length];
    int left = n;
    for (int j = 0; j < index.length && left > 0; j++) {
      double w = weight[j];
      int x = w >= suffix[j] ? left : Binomial.sample(rng, left, w / suffix[j]);
      taken[j] = x;
      left -= x;
    }
    return Counts.compact(outcomes, index, taken, n);
  }

  /** Suffix sums Σ_{l≥j} weight[l], accumulated from the last entry, so weight[j] ≤ suffix[j] exactly. */
  static double[] suffixSums(double[] weight) {
    double[] s = new double[weight.length];
    double acc = 0;
    for (int j = weight.length - 1; j >= 0; j--) {
      acc += weight[j];
      s[j] = acc;
    }
    return s;
  }
}
