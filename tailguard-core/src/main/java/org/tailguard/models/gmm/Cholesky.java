package org.tailguard.models.gmm;

/**
 * Cholesky factors of small dense covariance matrices in plain row-major arrays, for the EM hot loop.
 *
 * <p>Σ = L Lᵀ with L lower triangular (Golub and Van Loan, Matrix Computations, 4th ed., Alg. 4.2.1).
 * Hipparchus' {@code CholeskyDecomposition} does the same on {@code RealMatrix} objects, which costs an
 * allocation per call that the E-step would pay n·K times.
 */
final class Cholesky {
  private Cholesky() {}

  /** L with L Lᵀ = a (only the lower triangle of the symmetric {@code a} is read), or null if a is not positive definite. */
  static double[] factor(double[] a, int d) {
    double[] l = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i * d + j];
        for (int k = 0; k < j; k++) {
          s -= l[i * d + k] * l[j * d + k];
        }
        if (i == j) {
          if (!(s > 0)) {
            return null;
          }
          l[i * d + i] = Math.sqrt(s);
        } else {
          l[i * d + j] = s / l[j * d + j];
        }
      }
    }
    return l;
  }

  /** log det(L Lᵀ) = 2 Σ log L_ii. */
  static double logDet(double[] l, int d) {
    double s = 0;
    for (int i = 0; i < d; i++) {
      s += Math.log(l[i * d + i]);
    }
    return 2 * s;
  }

  /**
   * ‖L⁻¹(x − μ)‖², the squared Mahalanobis distance, by forward substitution.
   *
   * @param x the points, row-major; point {@code i} starts at {@code i*d}
   * @param z scratch space of length d
   */
  static double mahalanobisSq(double[] l, int d, double[] x, int i, double[] mu, double[] z) {
    int base = i * d;
    double q = 0;
    for (int r = 0; r < d; r++) {
      double s = x[base + r] - mu[r];
      int row = r * d;
      for (int k = 0; k < r; k++) {
        s -= l[row + k] * z[k];
      }
      double v = s / l[row + r];
      z[r] = v;
      q += v * v;
    }
    return q;
  }
}
