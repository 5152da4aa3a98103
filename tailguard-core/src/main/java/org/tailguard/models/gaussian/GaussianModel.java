package org.tailguard.models.gaussian;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.tailguard.metrics.GaussianDistances;
import org.tailguard.models.GenerativeModel;
import org.tailguard.models.Points;

/**
 * A fitted Gaussian N(μ, Σ); sampling with bias λ draws from N(μ, λΣ) (Alemohammad et al., ICLR 2024, §3).
 *
 * <p>Sampling uses the McFarland ziggurat for standard normals (Commons RNG {@code ZigguratSampler}) and a
 * Cholesky factor of Σ, or its symmetric square root when Σ is singular (fewer samples than dimensions,
 * or a collapsed chain).
 */
public final class GaussianModel implements GenerativeModel<Points> {
  private final double[] mean;
  private final double[] cov;
  private final double[] factor; // lower-triangular L (or symmetric root) with L Lᵀ = Σ, row-major

  GaussianModel(double[] mean, double[] cov) {
    this.mean = mean;
    this.cov = cov;
    this.factor = mean.length == 1 ? new double[] {Math.sqrt(Math.max(0, cov[0]))} : factor(cov, mean.length);
  }

  public int dim() {
    return mean.length;
  }

  /** The mean μ (not a copy; do not modify). */
  public double[] mean() {
    return mean;
  }

  /** The covariance Σ, d × d row-major (not a copy; do not modify). */
  public double[] covariance() {
    return cov;
  }

  @Override
  public Points sample(int n, double bias, UniformRandomProvider rng) {
    int d = mean.length;
    double[] out = new double[n * d];
    ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
    double scale = Math.sqrt(bias);
    if (d == 1) {
      double mu = mean[0];
      double s = factor[0] * scale;
      for (int i = 0; i < n; i++) {
        out[i] = mu + s * z.sample();
      }
      return Points.wrap(1, out);
    }
    double[] e = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        e[j] = z.sample();
      }
      int base = i * d;
      for (int r = 0; r < d; r++) {
        double acc = 0;
        int row = r * d;
        for (int c = 0; c < d; c++) {
          acc += factor[row + c] * e[c];
        }
        out[base + r] = mean[r] + scale * acc;
      }
    }
    return Points.wrap(d, out);
  }

  private static double[] factor(double[] cov, int d) {
    RealMatrix m = org.hipparchus.linear.MatrixUtils.createRealMatrix(d, d);
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        m.setEntry(i, j, cov[i * d + j]);
      }
    }
    RealMatrix l;
    try {
      l = new CholeskyDecomposition(m, 1e-10, 1e-14).getL();
    } catch (MathIllegalArgumentException singular) {
      l = GaussianDistances.sqrtPsd(m);
    }
    double[] f = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        f[i * d + j] = l.getEntry(i, j);
      }
    }
    return f;
  }
}
