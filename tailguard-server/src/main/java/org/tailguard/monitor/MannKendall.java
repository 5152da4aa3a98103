package org.tailguard.monitor;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The Mann–Kendall trend test of a series x₁..xₙ in time order (Mann, Econometrica 13, 1945; Kendall,
 * "Rank Correlation Methods", 1975): S = Σ_{i&lt;j} sgn(xⱼ − xᵢ), positive for a rising series.
 *
 * <p>Which distribution gives the p-value:
 * <ul>
 *   <li><b>Exact</b> when the series has no ties: S = C − D with C + D = n(n−1)/2, and under the null
 *       (every order equally likely) the number of discordant pairs D is the number of inversions of a
 *       uniform random permutation, whose distribution is given by the Mahonian numbers (counted here by
 *       the recursion M(n, k) = Σ_{j=0}^{min(k, n−1)} M(n−1, k−j), in probabilities to avoid overflow).</li>
 *   <li><b>Normal approximation with tie correction</b> otherwise: Var S = [n(n−1)(2n+5) − Σ_t t(t−1)(2t+5)]/18
 *       over the tie groups t, and Z = (S − sgn S)/√Var S with the continuity correction (Kendall 1975,
 *       eq. 4.3; Hipel and McLeod, "Time Series Modelling of Water Resources", 1994, §23.3).</li>
 * </ul>
 * NaN values are dropped before the test (the series is then shorter).
 */
public final class MannKendall {
  /** The longest series tested exactly; longer ones use the normal approximation. */
  public static final int MAX_EXACT = 60;

  private MannKendall() {}

  /** How the p-values were computed. */
  public enum Method {
    EXACT,
    NORMAL_TIE_CORRECTED
  }

  /**
   * The test's outcome.
   *
   * @param n the number of values tested (NaNs dropped)
   * @param s the statistic S
   * @param variance Var S under the null (tie-corrected)
   * @param z the continuity-corrected normal score (reported for both methods)
   * @param pIncreasing P(S' ≥ S) under the null: the one-sided p-value of an upward trend
   * @param pDecreasing P(S' ≤ S) under the null: the one-sided p-value of a downward trend
   * @param method which distribution gave the p-values
   */
  public record Result(int n, long s, double variance, double z, double pIncreasing, double pDecreasing,
      Method method) {
    /** The two-sided p-value, min(1, 2 · min of the one-sided ones). */
    public double pTwoSided() {
      return Math.min(1, 2 * Math.min(pIncreasing, pDecreasing));
    }
  }

  /**
   * Tests a series for a monotone trend.
   *
   * @throws IllegalArgumentException if fewer than 3 values remain after dropping NaNs
   */
  public static Result test(double[] series) {
    double[] x = Arrays.stream(series).filter(v -> !Double.isNaN(v)).toArray();
    int n = x.length;
    if (n < 3) {
      throw new IllegalArgumentException("series: need at least 3 values, got " + n);
    }
    long s = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        s += Double.compare(x[j], x[i]) > 0 ? 1 : x[j] == x[i] ? 0 : -1;
      }
    }
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    double tieTerm = 0;
    boolean ties = false;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j < n && sorted[j] == sorted[i]) {
        j++;
      }
      long t = j - i;
      if (t > 1) {
        ties = true;
        tieTerm += t * (t - 1) * (2 * t + 5);
      }
      i = j;
    }
    double variance = ((double) n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
    double z = variance == 0 ? 0 : (s - Long.signum(s)) / Math.sqrt(variance);
    if (!ties && n <= MAX_EXACT) {
      double[] p = inversionDistribution(n);
      long pairs = (long) n * (n - 1) / 2;
      // S = pairs − 2D, so S' ≥ S ⇔ D' ≤ (pairs − S)/2 and S' ≤ S ⇔ D' ≥ (pairs − S)/2.
      int d = (int) ((pairs - s) / 2);
      double atMost = 0;
      for (int k = 0; k <= d; k++) {
        atMost += p[k];
      }
      double atLeast = 0;
      for (int k = d; k < p.length; k++) {
        atLeast += p[k];
      }
      return new Result(n, s, variance, z, Math.min(1, atMost), Math.min(1, atLeast), Method.EXACT);
    }
    NormalDistribution normal = NormalDistribution.of(0, 1);
    // One-sided p-values, each with the continuity correction on its own side.
    double sd = Math.sqrt(variance);
    double pUp = sd == 0 ? (s > 0 ? 0 : 1) : normal.survivalProbability((s - 1) / sd);
    double pDown = sd == 0 ? (s < 0 ? 0 : 1) : normal.cumulativeProbability((s + 1) / sd);
    return new Result(n, s, variance, z, Math.min(1, pUp), Math.min(1, pDown), Method.NORMAL_TIE_CORRECTED);
  }

  /** P(D = k), k = 0..n(n−1)/2, for the inversions D of a uniform random permutation of n elements. */
  static double[] inversionDistribution(int n) {
    double[] p = {1.0};
    for (int m = 2; m <= n; m++) {
      // Inserting the m-th element adds j ∈ [0, m−1] inversions, each with probability 1/m.
      double[] next = new double[p.length + m - 1];
      double window = 0;
      for (int k = 0; k < next.length; k++) {
        if (k < p.length) {
          window += p[k];
        }
        if (k - m >= 0) {
          window -= p[k - m];
        }
        next[k] = window / m;
      }
      p = next;
    }
    return p;
  }
}
