package org.tailguard.models.kde;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.tailguard.models.GenerativeModel;
import org.tailguard.models.Points;

/**
 * A Gaussian kernel density estimate q(x) = (1/n) Σ_i N(x; x_i, h²I); sampling with bias λ picks a
 * training point uniformly and adds N(0, λh²I) noise.
 *
 * <p>That is scikit-learn's {@code KernelDensity.sample} for the Gaussian kernel (Kazdan et al., arXiv
 * 2410.16713), narrowed by λ as Alemohammad et al. (ICLR 2024, §3) narrow a Gaussian to N(μ, λΣ): the bias
 * shrinks the kernel, never the spread of the stored points. Its covariance is Σ̂ + h²I, with Σ̂ the
 * maximum-likelihood covariance of the points (law of total variance).
 */
public final class KdeModel implements GenerativeModel<Points> {
  private final Points points;
  private final double bandwidth;
  private final double mleTrace;

  KdeModel(Points points, double bandwidth, double mleTrace) {
    this.points = points;
    this.bandwidth = bandwidth;
    this.mleTrace = mleTrace;
  }

  /** The kernel centres, the training points (not a copy). */
  public Points points() {
    return points;
  }

  /** The bandwidth h. */
  public double bandwidth() {
    return bandwidth;
  }

  /** tr Cov(q) = tr Σ̂_MLE + d h². */
  public double totalVariance() {
    return mleTrace + points.dim() * bandwidth * bandwidth;
  }

  @Override
  public Points sample(int n, double bias, UniformRandomProvider rng) {
    int d = points.dim();
    int size = points.size();
    double[] x = points.values();
    double[] out = new double[n * d];
    ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
    double s = bandwidth * Math.sqrt(bias);
    for (int i = 0; i < n; i++) {
      int src = rng.nextInt(size) * d;
      for (int t = 0; t < d; t++) {
        out[i * d + t] = x[src + t] + s * z.sample();
      }
    }
    return Points.wrap(d, out);
  }
}
