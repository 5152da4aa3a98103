package org.tailguard.metrics;

import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * Trace and determinant ratios of a fitted covariance against a reference: total variance and volume.
 *
 * <p>Kazdan et al. (arXiv 2410.16713, {@code fit_gaussians.py}) log det(Σ_n)/det(Σ_0) and
 * tr(Σ_n)/tr(Σ_0). Alemohammad et al. (ICLR 2024, App. Fig. 15) show that total variance (the trace) can
 * hide mode loss that k-NN recall reveals, which is why both are recorded.
 */
public final class CovarianceRatios {
  private CovarianceRatios() {}

  /** tr(Σ) for a d × d row-major matrix. */
  public static double trace(double[] cov, int d) {
    double t = 0;
    for (int i = 0; i < d; i++) {
      t += cov[i * d + i];
    }
    return t;
  }

  /** tr(Σ) / tr(Σ_ref). */
  public static double traceRatio(double[] cov, double[] ref, int d) {
    return trace(cov, d) / trace(ref, d);
  }

  /** log det Σ from the eigenvalues (−∞ for a singular matrix). */
  public static double logDet(double[] cov, int d) {
    if (d == 1) {
      return Math.log(cov[0]);
    }
    double[] ev = new EigenDecompositionSymmetric(GaussianDistances.matrix(cov, d)).getEigenvalues();
    double s = 0;
    for (double e : ev) {
      if (e <= 0) {
        return Double.NEGATIVE_INFINITY;
      }
      s += Math.log(e);
    }
    return s;
  }

  /** det(Σ) / det(Σ_ref), computed in logs so that it does not overflow for large d. */
  public static double detRatio(double[] cov, double[] ref, int d) {
    return Math.exp(logDet(cov, d) - logDet(ref, d));
  }
}
