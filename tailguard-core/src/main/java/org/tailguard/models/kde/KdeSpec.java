package org.tailguard.models.kde;

import org.tailguard.models.gmm.MixtureTruthSpec;
import org.tailguard.spec.Check;
import org.tailguard.spec.ModelSpec;
import org.tailguard.spec.SpecException;

/**
 * A Gaussian kernel-density family: the fit stores the training points and picks a bandwidth.
 *
 * <p>Kazdan et al. (arXiv 2410.16713, {@code fit_kdes.py}) fit scikit-learn's {@code KernelDensity} with a
 * Gaussian kernel, sample from it, and refit, under replace and accumulate.
 *
 * @param truth the true distribution, a Gaussian mixture (default: the standard normal in 2-D)
 * @param bandwidthRule how h is chosen (default silverman)
 * @param bandwidth h for the {@code fixed} rule; not allowed with the data-scaled rules
 * @param knnSamples how many model and fresh true points k-NN precision/recall and modes_covered use
 *     (default 1000)
 * @param nllSamples how many fresh true points the opt-in {@code nll_true} averages over (default 1000)
 * @param l2MaxPoints above this many kernel centres, {@code l2_true} estimates ∫q² from a random subset of
 *     this size instead of all pairs (default 2000)
 */
public record KdeSpec(MixtureTruthSpec truth, BandwidthRule bandwidthRule, Double bandwidth, Integer knnSamples,
    Integer nllSamples, Integer l2MaxPoints) implements ModelSpec {
  public KdeSpec {
    truth = truth == null ? MixtureTruthSpec.gaussian(1.0, 0.0, 0.0) : truth;
    bandwidthRule = bandwidthRule == null ? BandwidthRule.SILVERMAN : bandwidthRule;
    if (bandwidthRule == BandwidthRule.FIXED) {
      Check.required("model.bandwidth", bandwidth);
      Check.positive("model.bandwidth", bandwidth);
    } else if (bandwidth != null) {
      throw new SpecException("model.bandwidth", "is not allowed with bandwidth_rule " + bandwidthRule.id()
          + ", which computes h from the data; use bandwidth_rule: fixed");
    }
    knnSamples = knnSamples == null ? 1000 : knnSamples;
    Check.atLeast("model.knn_samples", knnSamples, 6);
    nllSamples = nllSamples == null ? 1000 : nllSamples;
    Check.atLeast("model.nll_samples", nllSamples, 1);
    l2MaxPoints = l2MaxPoints == null ? 2000 : l2MaxPoints;
    Check.atLeast("model.l2_max_points", l2MaxPoints, 2);
  }

  /** A fixed-bandwidth KDE for a truth, other settings at their defaults. */
  public static KdeSpec fixed(MixtureTruthSpec truth, double h) {
    return new KdeSpec(truth, BandwidthRule.FIXED, h, null, null, null);
  }
}
