package org.tailguard.models.gaussian;

import org.tailguard.spec.Check;
import org.tailguard.spec.ModelSpec;

/**
 * A d-dimensional Gaussian family whose true distribution is N(mean·1, variance·I).
 *
 * @param dim the dimension d (default 1)
 * @param estimator the covariance estimator (default unbiased)
 * @param mean every coordinate of the true mean (default 0)
 * @param variance the true variance of every coordinate (default 1)
 * @param knnSamples how many model and real points the opt-in k-NN precision/recall use (default 500)
 */
public record GaussianSpec(Integer dim, Estimator estimator, Double mean, Double variance, Integer knnSamples)
    implements ModelSpec {
  public GaussianSpec {
    dim = dim == null ? 1 : dim;
    Check.atLeast("model.dim", dim, 1);
    estimator = estimator == null ? Estimator.UNBIASED : estimator;
    mean = Check.finite("model.mean", mean == null ? 0.0 : mean);
    variance = Check.positive("model.variance", variance == null ? 1.0 : variance);
    knnSamples = knnSamples == null ? 500 : knnSamples;
    Check.atLeast("model.knn_samples", knnSamples, 6);
  }

  /** The standard normal in one dimension with the given estimator. */
  public static GaussianSpec standard(Estimator estimator) {
    return new GaussianSpec(1, estimator, 0.0, 1.0, null);
  }
}
