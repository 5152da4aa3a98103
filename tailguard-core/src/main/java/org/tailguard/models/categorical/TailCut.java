package org.tailguard.models.categorical;

/**
 * The exact expected test error of the memorising model after a tail cut (Dohmatob et al., "A Tale of
 * Tails", ICML 2024, arXiv 2402.07043, §2).
 *
 * <p>The truth p is ranked (p_1 ≥ p_2 ≥ …); the training data are T independent draws from q_k, p cut to
 * its top k outcomes and renormalised (q_i = p_i / Σ_{j≤k} p_j for i ≤ k, 0 beyond). The "Hutter LLM"
 * answers correctly exactly on the outcomes it has seen, so its expected error is the expected true mass
 * of the unseen outcomes:
 * <pre>
 *   E(T, k) = Σ_{i≤k} p_i (1 − q_i)^T + Σ_{i>k} p_i .
 * </pre>
 * As T → ∞ the first sum vanishes and the error plateaus at the tail mass Σ_{i>k} p_i; for Zipf(β) this
 * is E ≍ T^{−(β−1)/β} + k^{−(β−1)} (ibid., Thm 2.1).
 */
public final class TailCut {
  private TailCut() {}

  /**
   * E(T, k) = Σ_{i≤k} p_i (1 − q_i)^T + Σ_{i>k} p_i.
   *
   * @param p the true probabilities, ranked in decreasing order, summing to 1
   * @param k the cut, in [1, p.length]; p.length means no cut
   * @param t the number of training draws T, at least 0
   * @return the expected lost true mass, in [0, 1]
   */
  public static double expectedError(double[] p, int k, long t) {
    if (k < 1 || k > p.length || t < 0) {
      throw new IllegalArgumentException("need 1 <= k <= " + p.length + " and T >= 0, got k=" + k + ", T=" + t);
    }
    double head = 0;
    for (int i = 0; i < k; i++) {
      head += p[i];
    }
    double seenNot = 0;
    for (int i = k - 1; i >= 0; i--) { // smallest terms first
      seenNot += p[i] * Math.exp(t * Math.log1p(-p[i] / head));
    }
    return Math.min(1, seenNot + tailBeyond(p, k));
  }

  /** Σ_{i>k} p_i, the plateau of {@link #expectedError} as T → ∞, for ranked p. */
  public static double tailBeyond(double[] p, int k) {
    double s = 0;
    for (int i = p.length - 1; i >= k; i--) { // smallest terms first
      s += p[i];
    }
    return s;
  }
}
