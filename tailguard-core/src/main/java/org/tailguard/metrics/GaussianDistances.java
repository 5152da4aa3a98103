package org.tailguard.metrics;

import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * Closed-form distances between Gaussian distributions.
 *
 * <p>The squared 2-Wasserstein distance between N(μ₁, Σ₁) and N(μ₂, Σ₂) is
 * W₂² = ‖μ₁ − μ₂‖² + tr(Σ₁ + Σ₂ − 2 (Σ₂^½ Σ₁ Σ₂^½)^½) (Givens and Shortt, Michigan Math. J. 31, 1984;
 * Dowson and Landau 1982), which in one dimension is (μ₁ − μ₂)² + (σ₁ − σ₂)². It is the distance
 * Shumailov et al. (Nature 2024, Thm 3.1) use for Gaussian model collapse, and Alemohammad et al. (ICLR
 * 2024, §5) for the fresh-data loop.
 */
public final class GaussianDistances {
  private GaussianDistances() {}

  /** Squared W2 between N(mu1, var1) and N(mu2, var2) in one dimension. */
  public static double w2Squared(double mu1, double var1, double mu2, double var2) {
    double dm = mu1 - mu2;
    double ds = Math.sqrt(var1) - Math.sqrt(var2);
    return dm * dm + ds * ds;
  }

  /**
   * Squared W2 between two d-dimensional Gaussians with positive semi-definite covariances.
   *
   * @param mu1 mean of the first, length d
   * @param cov1 covariance of the first, d × d row-major
   * @param mu2 mean of the second
   * @param cov2 covariance of the second
   */
  public static double w2Squared(double[] mu1, double[] cov1, double[] mu2, double[] cov2) {
    int d = mu1.length;
    double dm = 0;
    for (int i = 0; i < d; i++) {
      double t = mu1[i] - mu2[i];
      dm += t * t;
    }
    RealMatrix s1 = matrix(cov1, d);
    RealMatrix s2 = matrix(cov2, d);
    RealMatrix r2 = sqrtPsd(s2);
    RealMatrix cross = sqrtPsd(r2.multiply(s1).multiply(r2));
    double tr = s1.getTrace() + s2.getTrace() - 2 * cross.getTrace();
    return dm + Math.max(0, tr);
  }

  /** The symmetric square root of a positive semi-definite matrix; tiny negative eigenvalues become 0. */
  public static RealMatrix sqrtPsd(RealMatrix m) {
    RealMatrix sym = m.add(m.transpose()).scalarMultiply(0.5);
    EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(sym);
    double[] ev = eig.getEigenvalues();
    RealMatrix v = eig.getV();
    int d = ev.length;
    double[][] out = new double[d][d];
    for (int k = 0; k < d; k++) {
      double s = Math.sqrt(Math.max(0, ev[k]));
      if (s == 0) {
        continue;
      }
      for (int i = 0; i < d; i++) {
        double vik = v.getEntry(i, k) * s;
        for (int j = 0; j < d; j++) {
          out[i][j] += vik * v.getEntry(j, k);
        }
      }
    }
    return MatrixUtils.createRealMatrix(out);
  }

  static RealMatrix matrix(double[] rowMajor, int d) {
    double[][] a = new double[d][d];
    for (int i = 0; i < d; i++) {
      System.arraycopy(rowMajor, i * d, a[i], 0, d);
    }
    return MatrixUtils.createRealMatrix(a);
  }
}
