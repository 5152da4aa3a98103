package org.tailguard.models.kde;

import java.io.DataInput;
import java.io.IOException;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.metrics.MixtureDistances;
import org.tailguard.models.Indicator;
import org.tailguard.models.ModelFamily;
import org.tailguard.models.Observation;
import org.tailguard.models.Points;
import org.tailguard.models.gmm.GmmModel;
import org.tailguard.models.gmm.SampleCoverage;

/**
 * Gaussian kernel density estimates, refitted generation after generation, against a true Gaussian mixture.
 *
 * <p>The KDE setting of Kazdan et al., "Collapse or Thrive?" (arXiv 2410.16713, {@code fit_kdes.py}):
 * replace collapses while accumulate stays bounded. Because a KDE on n points is itself a mixture of n
 * equal Gaussians, its squared L2 distance to the truth has a closed form ({@link MixtureDistances}).
 * Fitting draws nothing at random; the FIT stream is unused.
 */
public final class KdeFamily implements ModelFamily<Points, KdeModel> {
  static final int L2_TRUE = 0;
  static final int VARIANCE_RATIO = 1;
  static final int BANDWIDTH = 2;
  static final int NLL_TRUE = 3;
  static final int PRECISION = 4;
  static final int RECALL = 5;
  static final int MODES_COVERED = 6;
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private final KdeSpec spec;
  private final GmmModel truth;
  private final double truthInner;
  private final double truthVariance;
  private final List<Indicator> indicators;

  public KdeFamily(KdeSpec spec) {
    this.spec = spec;
    this.truth = GmmModel.of(spec.truth());
    this.truthInner = MixtureDistances.innerProduct(truth.asMixture(), truth.asMixture());
    this.truthVariance = truth.totalVariance();
    this.indicators = java.util.stream.Stream.concat(java.util.stream.Stream.of(
        Indicator.log("l2_true", "squared L2 distance ∫(q − p)² from the KDE to the true mixture; closed form, "
            + "∫q² from a random l2_max_points subset (an unbiased U-statistic) when the KDE has more centres"),
        Indicator.of("variance_ratio", "tr Cov(q) / tr Cov(p) = (tr Σ̂_MLE + d h²) / tr Σ_true"),
        Indicator.log("bandwidth", "the kernel bandwidth h"),
        Indicator.optIn("nll_true", "−(1/m) Σ log q(y_j) over m = nll_samples fresh true points: a Monte-Carlo "
            + "estimate of the cross-entropy, Kazdan et al.'s test NLL; costs m × n kernel evaluations")),
        SampleCoverage.indicators().stream()).toList();
  }

  @Override
  public String name() {
    return "kde";
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
  public KdeModel fit(Points data, UniformRandomProvider rng) {
    int n = data.size();
    int d = data.dim();
    double[] x = data.values();
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < d; t++) {
        mean[t] += x[i * d + t];
      }
    }
    for (int t = 0; t < d; t++) {
      mean[t] /= n;
    }
    double ss = 0;
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < d; t++) {
        double u = x[i * d + t] - mean[t];
        ss += u * u;
      }
    }
    double h = spec.bandwidthRule() == BandwidthRule.FIXED ? spec.bandwidth()
        : Math.sqrt(ss / (n - 1.0) / d) * spec.bandwidthRule().factor(n, d);
    return new KdeModel(data, h, ss / n);
  }

  @Override
  public List<Indicator> indicators() {
    return indicators;
  }

  @Override
  public void measure(Observation<Points, KdeModel> o, double[] out) {
    KdeModel m = o.model();
    Points pts = m.points();
    int d = pts.dim();
    double h2 = m.bandwidth() * m.bandwidth();
    if (o.wants(L2_TRUE)) {
      double self = selfInner(pts, h2, o.rng());
      double cross = MixtureDistances.kdeCrossInner(pts.values(), d, h2, truth.asMixture());
      out[L2_TRUE] = Math.max(0, self + truthInner - 2 * cross);
    }
    if (o.wants(VARIANCE_RATIO)) {
      out[VARIANCE_RATIO] = m.totalVariance() / truthVariance;
    }
    if (o.wants(BANDWIDTH)) {
      out[BANDWIDTH] = m.bandwidth();
    }
    SampleCoverage.measure(truth, m, d, spec.knnSamples(), o, PRECISION, out);
    if (o.wants(NLL_TRUE)) {
      out[NLL_TRUE] = crossEntropy(m, truth.sample(spec.nllSamples(), 1.0, o.rng()));
    }
  }

  /**
   * ∫q² exactly for at most {@code l2_max_points} centres; otherwise K(0)/n + (1 − 1/n)·Û, where Û is the
   * mean kernel N(x_i − x_j; 0, 2h²I) over the distinct pairs of a uniform random subset of s centres. Û is
   * a U-statistic and unbiased for the mean over all distinct pairs (Hoeffding 1948), so the estimate of
   * ∫q² is unbiased; its standard error shrinks as 1/√s.
   */
  private double selfInner(Points pts, double h2, UniformRandomProvider rng) {
    int n = pts.size();
    int d = pts.dim();
    if (n <= spec.l2MaxPoints()) {
      return MixtureDistances.kdeSelfInner(pts.values(), d, h2);
    }
    int s = spec.l2MaxPoints();
    double k0 = Math.pow(4 * Math.PI * h2, -0.5 * d);
    double v = MixtureDistances.kdeSelfInner(pts.subsample(s, rng).values(), d, h2); // (s·K0 + Σ_{i≠j}) / s²
    double u = (v * s * s - k0 * s) / (s * (s - 1.0));
    return k0 / n + (1 - 1.0 / n) * u;
  }

  /** −(1/m) Σ_j log q(y_j), each log q by log-sum-exp over the n kernels. */
  static double crossEntropy(KdeModel m, Points ys) {
    Points pts = m.points();
    int n = pts.size();
    int d = pts.dim();
    double[] x = pts.values();
    double[] y = ys.values();
    double h2 = m.bandwidth() * m.bandwidth();
    double logNorm = -Math.log(n) - 0.5 * d * (LOG_2PI + Math.log(h2));
    double[] e = new double[n];
    double total = 0;
    for (int j = 0; j < ys.size(); j++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int t = 0; t < d; t++) {
          double u = y[j * d + t] - x[i * d + t];
          s += u * u;
        }
        e[i] = -s / (2 * h2);
        max = Math.max(max, e[i]);
      }
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += Math.exp(e[i] - max);
      }
      total += logNorm + max + Math.log(sum);
    }
    return -total / ys.size();
  }

  @Override
  public Points readData(DataInput in) throws IOException {
    return Points.read(in);
  }
}
