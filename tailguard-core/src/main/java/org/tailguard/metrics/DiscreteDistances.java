package org.tailguard.metrics;

/**
 * Distances between two distributions over the same K outcomes: total variation and Kullback–Leibler.
 *
 * <p>TV(p, q) = ½ Σ|p_i − q_i| ∈ [0, 1] (Levin, Peres and Wilmer, Markov Chains and Mixing Times, §4.1);
 * KL(p‖q) = Σ_{p_i > 0} p_i ln(p_i/q_i) in nats (Cover and Thomas, eq. 2.26), with an explicit
 * {@link ZeroMassPolicy} for outcomes q misses. These are the distances to the truth that collapse studies
 * of categorical models report (Shumailov et al., Nature 2024; Kazdan et al., arXiv 2410.16713).
 *
 * <p>Inputs are probability vectors: non-negative entries summing to 1; they are not checked, to keep the
 * per-generation cost at O(K) or, for the sparse forms, O(support). A sparse q is given on its support:
 * {@code q[j]} is the mass of outcome {@code support[j]}, and every other outcome has mass 0.
 */
public final class DiscreteDistances {
  /** Lost mass below this counts as none in the sparse KL: the rounding of p's compensated sum is ~1e-16. */
  static final double MISSED_BELOW = 1e-12;

  private DiscreteDistances() {}

  /** Total variation ½ Σ|p_i − q_i|; p and q have the same length. */
  public static double totalVariation(double[] p, double[] q) {
    sameLength(p.length, q.length);
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      s += Math.abs(p[i] - q[i]);
    }
    return Math.min(1, 0.5 * s);
  }

  /**
   * Total variation with q given on its support, in O(support): ½(Σ_{i∈S}|p_i − q_i| + (1 − Σ_{i∈S} p_i)).
   *
   * @param p a probability vector over all K outcomes
   * @param support the outcomes where q may be positive, distinct, each in [0, K)
   * @param q the mass of q on each of {@code support}; sums to 1
   */
  public static double totalVariation(double[] p, int[] support, double[] q) {
    sameLength(support.length, q.length);
    double diff = 0;
    for (int j = 0; j < support.length; j++) {
      diff += Math.abs(p[support[j]] - q[j]);
    }
    return Math.min(1, 0.5 * (diff + Math.max(0, 1 - massAt(p, support))));
  }

  /** KL(p‖q) in nats with the {@link ZeroMassPolicy#DEFAULT} policy. */
  public static double kl(double[] p, double[] q) {
    return kl(p, q, ZeroMassPolicy.DEFAULT);
  }

  /**
   * KL(p‖q) = Σ_{p_i > 0} p_i ln(p_i/q_i) in nats.
   *
   * @param p the reference distribution (the truth)
   * @param q the approximating distribution (the model), same length
   * @param policy what to do where q_i = 0 and p_i > 0
   * @return a value in [0, +∞]
   */
  public static double kl(double[] p, double[] q, ZeroMassPolicy policy) {
    sameLength(p.length, q.length);
    double surviving = 0;
    boolean missed = false;
    for (int i = 0; i < p.length; i++) {
      if (q[i] > 0) {
        surviving += p[i];
      } else if (p[i] > 0) {
        missed = true;
      }
    }
    if (missed && policy == ZeroMassPolicy.INFINITE) {
      return Double.POSITIVE_INFINITY;
    }
    double scale = missed ? surviving : 1; // p is already normalised on q's support when q misses nothing
    if (!(scale > 0)) {
      return Double.POSITIVE_INFINITY;
    }
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      if (p[i] > 0 && q[i] > 0) {
        double pi = p[i] / scale;
        s += pi * Math.log(pi / q[i]);
      }
    }
    return Math.max(0, s);
  }

  /**
   * KL(p‖q) with q given on its support, in O(support).
   *
   * <p>The support cannot tell which outcomes q misses, only how much of p they hold: q counts as missing
   * nothing when p's mass on its support is within 1e-12 of 1 (the rounding of summing K probabilities).
   *
   * @param p a probability vector over all K outcomes
   * @param support the outcomes where q is positive, distinct, each in [0, K)
   * @param q the mass of q on each of {@code support}, positive, summing to 1
   * @param policy what to do where q_i = 0 and p_i > 0
   */
  public static double kl(double[] p, int[] support, double[] q, ZeroMassPolicy policy) {
    sameLength(support.length, q.length);
    double surviving = massAt(p, support); // q is positive on its support
    boolean missed = surviving < 1 - MISSED_BELOW;
    if (missed && policy == ZeroMassPolicy.INFINITE) {
      return Double.POSITIVE_INFINITY;
    }
    double scale = missed ? surviving : 1;
    if (!(scale > 0)) {
      return Double.POSITIVE_INFINITY;
    }
    double s = 0;
    for (int j = 0; j < support.length; j++) {
      double pi = p[support[j]];
      if (pi > 0 && q[j] > 0) {
        pi /= scale;
        s += pi * Math.log(pi / q[j]);
      }
    }
    return Math.max(0, s);
  }

  /**
   * Σ_j p[index[j]] by Neumaier's compensated summation (ZAMM 54, 1974), accurate to a few ulps whatever
   * the number of terms, so that 1 − Σ resolves a lost mass far below 1/K.
   */
  static double massAt(double[] p, int[] index) {
    double sum = 0;
    double c = 0;
    for (int i : index) {
      double x = p[i];
      double t = sum + x;
      c += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
      sum = t;
    }
    return sum + c;
  }

  private static void sameLength(int a, int b) {
    if (a != b) {
      throw new IllegalArgumentException("distributions differ in length: " + a + " and " + b);
    }
  }
}
