package org.tailguard.models.gmm;

import java.io.DataInput;
import java.io.IOException;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.metrics.MixtureDistances;
import org.tailguard.models.Indicator;
import org.tailguard.models.ModelFamily;
import org.tailguard.models.Observation;
import org.tailguard.models.Points;
import org.tailguard.spec.SpecException;

/**
 * Gaussian mixtures with K full-covariance components fitted by EM, against a true Gaussian mixture.
 *
 * <p>The GMM experiment of Shumailov et al. (Nature 631, 2024; fit → sample N = 1000 → refit, tracking the
 * closed-form L2 distance to the generation-0 fit) and the 25-mode grid of Alemohammad et al. (ICLR 2024,
 * appendix, Fig. 15), where k-NN recall reveals the mode loss that total variance hides. EM follows
 * scikit-learn's {@code GaussianMixture} (see {@link ExpectationMaximization}); its only randomness, the
 * k-means++ seeding, comes from the FIT stream.
 */
public final class GmmFamily implements ModelFamily<Points, GmmModel> {
  static final int L2_FIRST = 0;
  static final int L2_TRUE = 1;
  static final int TRACE_RATIO = 2;
  static final int PRECISION = 3;
  static final int RECALL = 4;
  static final int MODES_COVERED = 5;
  static final int EM_ITERATIONS = 6;

  private final GmmSpec spec;
  private final GmmModel truth;
  private final double truthInner;
  private final double truthVariance;
  private final List<Indicator> indicators;

  public GmmFamily(GmmSpec spec) {
    this.spec = spec;
    this.truth = GmmModel.of(spec.truth());
    this.truthInner = MixtureDistances.innerProduct(truth.asMixture(), truth.asMixture());
    this.truthVariance = truth.totalVariance();
    this.indicators = java.util.stream.Stream.of(List.of(
        Indicator.log("l2_first", "squared L2 distance ∫(p_g − p_0)² to the generation-0 fit, closed form "
            + "(Shumailov et al. 2024)"),
        Indicator.log("l2_true", "squared L2 distance ∫(p_g − p)² to the true mixture, closed form"),
        Indicator.of("trace_ratio", "tr Cov(p_g) / tr Cov(p), total variance of the whole mixture kept")),
        SampleCoverage.indicators(),
        List.of(Indicator.optIn("em_iterations", "EM iterations of this generation's fit (max_iter means not converged)")))
        .flatMap(List::stream).toList();
  }

  @Override
  public String name() {
    return "gmm";
  }

  /** The true mixture. */
  public GmmModel truth() {
    return truth;
  }

  @Override
  public Points real(int n, UniformRandomProvider rng) {
    return truth.sample(n, 1.0, rng);
  }

  @Override
  public GmmModel fit(Points data, UniformRandomProvider rng) {
    if (data.size() < spec.components()) {
      throw new SpecException("model.components", spec.components() + " components need at least "
          + spec.components() + " training samples, got " + data.size());
    }
    return ExpectationMaximization.fit(data.values(), data.dim(), spec.components(), spec.tol(), spec.maxIter(),
        spec.regCovar(), rng).model();
  }

  @Override
  public List<Indicator> indicators() {
    return indicators;
  }

  @Override
  public void measure(Observation<Points, GmmModel> o, double[] out) {
    GmmModel m = o.model();
    MixtureDistances.Mixture mix = m.asMixture();
    double self = o.wants(L2_FIRST) || o.wants(L2_TRUE) ? MixtureDistances.innerProduct(mix, mix) : 0;
    if (o.wants(L2_FIRST)) {
      MixtureDistances.Mixture first = o.first().asMixture();
      out[L2_FIRST] = o.generation() == 0 ? 0.0 : Math.max(0, self
          + MixtureDistances.innerProduct(first, first) - 2 * MixtureDistances.innerProduct(mix, first));
    }
    if (o.wants(L2_TRUE)) {
      out[L2_TRUE] = Math.max(0, self + truthInner - 2 * MixtureDistances.innerProduct(mix, truth.asMixture()));
    }
    if (o.wants(TRACE_RATIO)) {
      out[TRACE_RATIO] = m.totalVariance() / truthVariance;
    }
    SampleCoverage.measure(truth, m, m.dim(), spec.knnSamples(), o, PRECISION, out);
    if (o.wants(EM_ITERATIONS)) {
      out[EM_ITERATIONS] = m.emIterations();
    }
  }

  @Override
  public Points readData(DataInput in) throws IOException {
    return Points.read(in);
  }
}
