package org.tailguard.curate;

import java.util.Arrays;

/** Quantiles of calibration scores: NumPy's default linear interpolation, and the target-FPR threshold. */
public final class Quantiles {
  private Quantiles() {}

  /**
   * The q-quantile by linear interpolation between order statistics (NumPy's {@code percentile} default,
   * Hyndman and Fan 1996 definition 7): with the values sorted, position h = (n − 1)q.
   *
   * @throws IllegalArgumentException if there are no finite values
   */
  public static double linear(double[] values, double q) {
    double[] s = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
    if (s.length == 0) {
      throw new IllegalArgumentException("no finite values to take a quantile of");
    }
    double h = (s.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, s.length - 1);
    return s[lo] + (h - lo) * (s[hi] - s[lo]);
  }

  /**
   * The threshold τ for a target false-positive rate α on human scores (RAID's protocol: thresholds are
   * chosen on human text): the smallest observed score such that at most a fraction α of human scores lie
   * strictly above it; a document is flagged when its score exceeds τ. With n human scores this is the
   * ⌈(1 − α) n⌉-th smallest, so the calibration FPR is at most α (below it when scores tie or αn is not whole).
   *
   * @param human scores of human documents (higher = more likely machine-written)
   * @param alpha the target FPR in (0, 1)
   */
  public static double thresholdForFpr(double[] human, double alpha) {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("target FPR must be in (0, 1), got " + alpha);
    }
    double[] s = human.clone();
    Arrays.sort(s);
    if (s.length == 0) {
      throw new IllegalArgumentException("no human scores to calibrate on");
    }
    int k = (int) Math.ceil((1 - alpha) * s.length - 1e-9);
    return s[Math.max(0, k - 1)];
  }

  /** The fraction of scores strictly above τ: the FPR of τ on these (human) scores. */
  public static double fpr(double[] human, double tau) {
    return (double) Arrays.stream(human).filter(x -> x > tau).count() / human.length;
  }
}
