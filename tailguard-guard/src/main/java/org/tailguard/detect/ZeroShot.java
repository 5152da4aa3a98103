package org.tailguard.detect;

/**
 * The zero-shot detection statistics, one published formula per method, over the sums of {@link LmStats}.
 * Each is a statistic of the text, not yet a decision: {@link ZeroShotDetector} orients it so that higher
 * means more machine-like, and a {@link Calibration} turns it into a decision at a target false-positive
 * rate.
 */
public final class ZeroShot {
  private ZeroShot() {}

  /** The observer's log-perplexity, −(1/T) Σ_t log p_obs(x_t). */
  public static double logPerplexity(LmStats s) {
    return -s.logProb() / s.tokens();
  }

  /**
   * GLTR's top-10 share (Gehrmann et al. 2019): the fraction of tokens that the observer ranks among its 10
   * most probable next tokens; the statistic RAID's GLTR detector uses (Dugan et al. 2024).
   */
  public static double gltrTop10(LmStats s) {
    return s.bucketFraction(0);
  }

  /**
   * The Binoculars score (Hans et al. 2024, eq. 3–4): B = log PPL_obs(s) / log X-PPL(s) with
   * log PPL_obs = −(1/T) Σ_t log p_obs(x_t) and log X-PPL = −(1/T) Σ_t Σ_v p_perf(v | x_&lt;t) log p_obs(v | x_&lt;t),
   * the cross-entropy of the performer's next-token distribution under the observer's log-probabilities.
   * Low B means machine text. (The authors' code computes the numerator with the performer and weighs the
   * cross term by the observer: the same formula with the two roles swapped.)
   */
  public static double binoculars(LmStats s) {
    return s.logProb() / s.crossMean();
  }

  /**
   * Fast-DetectGPT's analytic sampling discrepancy (Bao et al. 2024, eq. 5 with the analytic mean and
   * variance): (Σ_t log p_s(x_t) − Σ_t μ_t) / sqrt(Σ_t σ_t²), μ_t = Σ_v p_r(v) log p_s(v) and σ_t² =
   * Σ_v p_r(v) log² p_s(v) − μ_t², with the performer as the sampling (reference) model r and the observer as
   * the scoring model s. High means machine text.
   */
  public static double fastDetectGpt(LmStats s) {
    return (s.logProb() - s.crossMean()) / Math.sqrt(s.crossVariance());
  }

  /** Fast-DetectGPT's white-box setting: the observer both samples and scores. */
  public static double fastDetectGptWhiteBox(LmStats s) {
    return (s.logProb() - s.selfMean()) / Math.sqrt(s.selfVariance());
  }
}
