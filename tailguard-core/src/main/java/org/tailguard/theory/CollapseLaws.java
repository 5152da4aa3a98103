package org.tailguard.theory;

import org.hipparchus.special.Gamma;

/**
 * Closed-form predictions of the model-collapse literature, one published formula per method.
 *
 * <p>Generation indexing follows the lab: generation 0 is the first fit (to real data), so "after n fits"
 * is generation n − 1. Golden tests and the demo's reproduction table compare measured runs with these.
 * References: Shumailov et al., Nature 2024 (Gaussian, discrete); Alemohammad et al., ICLR 2024 (bias λ);
 * Gerstgrasser et al., COLM 2024 (accumulate; linear regression); Kimura, Genetics 1955 and Crow and Kimura
 * 1970, eq. 8.9.3 (absorption time); Dohmatob et al., ICML 2024 (tail cut).
 */
public final class CollapseLaws {
  private CollapseLaws() {}

  /**
   * Median of σ² after n unbiased refits to M samples (true σ² = 1): log σ² is a sum of n i.i.d.
   * log(χ²_{M−1}/(M−1)) terms, whose median is n(ψ(k/2) − ln(k/2)) − ψ''(k/2)/(6ψ'(k/2)) with k = M − 1
   * (Cornish–Fisher). ≈ exp(−n/M).
   */
  public static double gaussianMedianVariance(int m, int n) {
    double x = (m - 1) / 2.0;
    double third = -1 / (x * x) - 1 / (x * x * x) - 1 / (2 * x * x * x * x); // ψ''(x), asymptotic
    return Math.exp(gaussianMeanLogVariance(m, n) - third / (6 * Gamma.trigamma(x)));
  }

  /** E[ln σ²] after n unbiased refits to M samples (true σ² = 1): n(ψ((M−1)/2) − ln((M−1)/2)). */
  public static double gaussianMeanLogVariance(int m, int n) {
    double x = (m - 1) / 2.0;
    return n * (Gamma.digamma(x) - Math.log(x));
  }

  /** E[μ²] after n unbiased refits to M samples under replacement: n/M (E[σ²] = 1 is a martingale). */
  public static double gaussianMeanSquaredError(int m, int n) {
    return n / (double) m;
  }

  /** E[σ²] after n maximum-likelihood refits to M samples: (1 − 1/M)^n. */
  public static double gaussianMleMeanVariance(int m, int n) {
    return Math.pow(1 - 1.0 / m, n);
  }

  /** E[σ²] after n generations of biased sampling N(μ, λσ²) with unbiased refits: λ^n (generation 0 fits real data). */
  public static double biasedMeanVariance(double lambda, int generations) {
    return Math.pow(lambda, generations);
  }

  /** E[μ²] after n fits under accumulate with M samples per generation and σ² ≈ 1: (1/M) Σ_{i=1..n} 1/i². */
  public static double accumulateMeanSquaredError(int m, int n) {
    return basel(n) / m;
  }

  /** Σ_{i=1..n} 1/i², which tends to π²/6. */
  public static double basel(int n) {
    double s = 0;
    for (int i = n; i >= 1; i--) {
      s += 1.0 / ((double) i * i);
    }
    return s;
  }

  /** Expected Gini–Simpson index after n refits of a categorical MLE to M draws: (1 − 1/M)^n · GS₀ (Wright–Fisher). */
  public static double giniSimpson(double initial, int m, int n) {
    return Math.pow(1 - 1.0 / m, n) * initial;
  }

  /** Kimura's mean absorption time of an outcome with frequency p in a population of n: −2n[p ln p + (1−p) ln(1−p)]. */
  public static double kimuraAbsorptionTime(int n, double p) {
    return -2.0 * n * (xlogx(p) + xlogx(1 - p));
  }

  /** Linear regression, replace: E[test error] after n fits = n σ² d/(T − d − 1). */
  public static double regressionReplaceError(int n, double sigma2, int d, int t) {
    return n * sigma2 * d / (t - d - 1.0);
  }

  /** Linear regression, accumulate: E[test error] after n fits = σ² d/(T − d − 1) · Σ_{i=1..n} 1/i² ≤ (π²/6) σ² d/(T−d−1). */
  public static double regressionAccumulateError(int n, double sigma2, int d, int t) {
    return sigma2 * d / (t - d - 1.0) * basel(n);
  }

  private static double xlogx(double x) {
    return x <= 0 ? 0 : x * Math.log(x);
  }
}
