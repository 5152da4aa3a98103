package org.tailguard.models.categorical;

/**
 * The Zipf law over n ranked outcomes: p_i ∝ i^−β for i = 1..n (Zipf 1949), stored 0-based so that
 * outcome 0 is the most probable.
 *
 * <p>The data model of Dohmatob et al., "A Tale of Tails" (ICML 2024, arXiv 2402.07043), and of the
 * categorical collapse experiments in collapse-science §2.2 (K = 1000, β = 1.2).
 */
public final class Zipf {
  private Zipf() {}

  /**
   * The probabilities p_0 ≥ p_1 ≥ … ≥ p_{n−1}, p_i = (i + 1)^−β / Σ_j (j + 1)^−β.
   *
   * @param n the number of outcomes, at least 1
   * @param beta the exponent β ≥ 0 (0 gives the uniform distribution)
   */
  public static double[] probabilities(int n, double beta) {
    if (n < 1 || !(beta >= 0) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException("Zipf needs n >= 1 and a finite beta >= 0, got n=" + n + ", beta=" + beta);
    }
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      p[i] = Math.pow(i + 1, -beta);
    }
    return normalise(p);
  }

  /** Divides non-negative weights by their sum, summed smallest first so that Σ p = 1 to a few ulps. */
  static double[] normalise(double[] w) {
    double sum = 0;
    double c = 0; // Neumaier compensation
    for (int i = w.length - 1; i >= 0; i--) {
      double t = sum + w[i];
      c += Math.abs(sum) >= Math.abs(w[i]) ? (sum - t) + w[i] : (w[i] - t) + sum;
      sum = t;
    }
    sum += c;
    for (int i = 0; i < w.length; i++) {
      w[i] /= sum;
    }
    return w;
  }
}
