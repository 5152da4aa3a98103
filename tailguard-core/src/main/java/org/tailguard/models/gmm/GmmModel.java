package org.tailguard.models.gmm;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AliasMethodDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.tailguard.metrics.MixtureDistances;
import org.tailguard.models.GenerativeModel;
import org.tailguard.models.Points;

/**
 * A Gaussian mixture Σ_k w_k N(μ_k, Σ_k) in R^d with full covariances; sampling with bias λ draws from
 * Σ_k w_k N(μ_k, λΣ_k).
 *
 * <p>The bias narrows every component and keeps the weights, the mixture analogue of the N(μ, λΣ) of
 * Alemohammad et al. (ICLR 2024, §3): λ trades diversity within a mode for fidelity, but never moves mass
 * between modes. Components are drawn by Walker's alias method (Commons RNG
 * {@code AliasMethodDiscreteSampler}), coordinates by the ziggurat and a Cholesky factor of Σ_k. The model
 * is the fitted output of the {@code gmm} family and also the true distribution of the {@code gmm} and
 * {@code kde} families.
 */
public final class GmmModel implements GenerativeModel<Points> {
  private final int dim;
  private final double[] weights;
  private final double[][] means;
  private final double[][] covariances;
  private final double[][] factors; // lower-triangular L_k with L_k L_kᵀ = Σ_k, row-major
  private final int emIterations;

  GmmModel(double[] weights, double[][] means, double[][] covariances) {
    this(weights, means, covariances, 0);
  }

  GmmModel(double[] weights, double[][] means, double[][] covariances, int emIterations) {
    this.emIterations = emIterations;
    this.dim = means[0].length;
    this.weights = weights;
    this.means = means;
    this.covariances = covariances;
    this.factors = new double[weights.length][];
    for (int k = 0; k < weights.length; k++) {
      factors[k] = Cholesky.factor(covariances[k], dim);
      if (factors[k] == null) {
        throw new IllegalStateException("covariance of component " + k + " is not positive definite; "
            + "raise model.reg_covar");
      }
    }
  }

  /** The mixture a truth spec describes. */
  public static GmmModel of(MixtureTruthSpec truth) {
    MixtureDistances.Mixture m = truth.toMixture();
    return new GmmModel(m.weights(), m.means(), m.covariances());
  }

  public int dim() {
    return dim;
  }

  /** The EM iterations of the fit that produced this model; 0 for a mixture given directly. */
  public int emIterations() {
    return emIterations;
  }

  /** The number of components K. */
  public int size() {
    return weights.length;
  }

  /** The weights (not a copy; do not modify). */
  public double[] weights() {
    return weights;
  }

  /** The means, K × d (not a copy; do not modify). */
  public double[][] means() {
    return means;
  }

  /** The covariances, K matrices d × d row-major (not a copy; do not modify). */
  public double[][] covariances() {
    return covariances;
  }

  /** The mixture as a {@link MixtureDistances.Mixture}, sharing this model's arrays. */
  public MixtureDistances.Mixture asMixture() {
    return new MixtureDistances.Mixture(weights, means, covariances);
  }

  /**
   * tr Cov(X) of the whole mixture: Σ_k w_k (tr Σ_k + ‖μ_k‖²) − ‖Σ_k w_k μ_k‖² (law of total variance),
   * the "total variance" Alemohammad et al. (ICLR 2024, Fig. 15) contrast with recall.
   */
  public double totalVariance() {
    double[] mean = new double[dim];
    double s = 0;
    for (int k = 0; k < weights.length; k++) {
      double tr = 0;
      double sq = 0;
      for (int t = 0; t < dim; t++) {
        tr += covariances[k][t * dim + t];
        sq += means[k][t] * means[k][t];
        mean[t] += weights[k] * means[k][t];
      }
      s += weights[k] * (tr + sq);
    }
    double m2 = 0;
    for (double m : mean) {
      m2 += m * m;
    }
    return s - m2;
  }

  /**
   * The number of components that have at least one of the given points within Mahalanobis distance
   * {@code radius} of their mean: (x − μ_k)ᵀ Σ_k⁻¹ (x − μ_k) ≤ radius², which for an isotropic component
   * is ‖x − μ_k‖ ≤ radius·σ_k. The convention of the 2-D mode-counting benchmarks (radius 3).
   *
   * @param points row-major points of this model's dimension
   */
  public int modesCovered(double[] points, double radius) {
    int n = points.length / dim;
    double r2 = radius * radius;
    double[] z = new double[dim];
    int covered = 0;
    for (int k = 0; k < weights.length; k++) {
      for (int i = 0; i < n; i++) {
        if (Cholesky.mahalanobisSq(factors[k], dim, points, i, means[k], z) <= r2) {
          covered++;
          break;
        }
      }
    }
    return covered;
  }

  @Override
  public Points sample(int n, double bias, UniformRandomProvider rng) {
    int d = dim;
    double[] out = new double[n * d];
    SharedStateDiscreteSampler pick = weights.length == 1 ? null : AliasMethodDiscreteSampler.of(rng, weights);
    ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
    double scale = Math.sqrt(bias);
    double[] e = new double[d];
    for (int i = 0; i < n; i++) {
      int k = pick == null ? 0 : pick.sample();
      double[] l = factors[k];
      double[] mu = means[k];
      for (int j = 0; j < d; j++) {
        e[j] = z.sample();
      }
      int base = i * d;
      for (int r = 0; r < d; r++) {
        double acc = 0;
        int row = r * d;
        for (int c = 0; c <= r; c++) {
          acc += l[row + c] * e[c];
        }
        out[base + r] = mu[r] + scale * acc;
      }
    }
    return Points.wrap(d, out);
  }
}
