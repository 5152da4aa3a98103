package org.tailguard.detect;

import java.util.Arrays;

/**
 * Thresholds from human text at a target false-positive rate: the split-conformal rule (Vovk et al. 2005;
 * Angelopoulos and Bates 2021), which RAID's "calibrate on human text to a target FPR" makes precise
 * (Dugan et al. 2024).
 *
 * <p>With n human calibration scores h_i and a target rate α, a new text's conformal p-value is
 * (1 + #{i : h_i ≥ s}) / (n + 1), and the text is flagged when that is at most α. Equivalently the text is
 * flagged when its score exceeds t = the (m+1)-th largest h_i with m = ⌊α(n+1)⌋ − 1; when m &lt; 0 no
 * threshold can promise α and t = +∞ (nothing is flagged). For exchangeable human texts the false-positive
 * rate is then at most α in expectation, exactly (m+1)/(n+1) without ties. Ties go to human, so a detector
 * with quantised scores cannot exceed its rate through them (RAID PR #117).
 */
public final class Calibration {
  private Calibration() {}

  /**
   * The threshold for target false-positive rate {@code fpr}: flag a text when its score is strictly
   * greater. NaN scores are ignored.
   *
   * @throws IllegalArgumentException if {@code fpr} is not in (0, 1)
   */
  public static double threshold(double[] humanScores, double fpr) {
    if (!(fpr > 0 && fpr < 1)) {
      throw new IllegalArgumentException("fpr must be in (0, 1), got " + fpr);
    }
    double[] h = Arrays.stream(humanScores).filter(x -> !Double.isNaN(x)).sorted().toArray();
    int n = h.length;
    int m = (int) Math.floor(fpr * (n + 1) + 1e-9) - 1;
    if (m < 0) {
      return Double.POSITIVE_INFINITY;
    }
    return h[n - 1 - m];
  }

  /** The smallest number of human texts for which {@link #threshold} can be finite at rate {@code fpr}. */
  public static int minimumSample(double fpr) {
    return (int) Math.ceil(1 / fpr - 1e-9) - 1;
  }

  /** The conformal p-value of {@code score} against human calibration scores (ties count as human). */
  public static double pValue(double[] sortedHuman, double score) {
    int n = sortedHuman.length;
    int below = lowerBound(sortedHuman, score); // number of h_i < score
    return (1.0 + (n - below)) / (n + 1);
  }

  private static int lowerBound(double[] a, double x) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
