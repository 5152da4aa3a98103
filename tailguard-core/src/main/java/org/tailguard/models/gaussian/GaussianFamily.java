package org.tailguard.models.gaussian;

import java.io.DataInput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.tailguard.metrics.GaussianDistances;
import org.tailguard.metrics.PrecisionRecall;
import org.tailguard.models.Indicator;
import org.tailguard.models.ModelFamily;
import org.tailguard.models.Observation;
import org.tailguard.models.Points;

/**
 * Gaussians in d dimensions fitted by the unbiased or maximum-likelihood estimator of mean and covariance.
 *
 * <p>The model of Shumailov et al. (Nature 2024, Thm 3.1: Σ_n → 0 almost surely and E[W₂²] → ∞ under
 * replacement), of Alemohammad et al. (ICLR 2024, §3 and the fresh-data loop of §5) and of Kazdan et al.
 * (arXiv 2410.16713). The true distribution is N(m·1, v·I).
 */
public final class GaussianFamily implements ModelFamily<Points, GaussianModel> {
  static final int MEAN_SQ_ERROR = 0;
  static final int VARIANCE = 1;
  static final int TRACE_RATIO = 2;
  static final int DET_RATIO = 3;
  static final int W2 = 4;
  static final int W2_FIRST = 5;
  static final int PRECISION = 6;
  static final int RECALL = 7;
  static final int KNN_K = 5;

  private final GaussianSpec spec;
  private final GaussianModel truth;
  private final List<Indicator> indicators;

  public GaussianFamily(GaussianSpec spec) {
    this.spec = spec;
    int d = spec.dim();
    double[] mu = new double[d];
    Arrays.fill(mu, spec.mean());
    double[] cov = new double[d * d];
    for (int i = 0; i < d; i++) {
      cov[i * d + i] = spec.variance();
    }
    this.truth = new GaussianModel(mu, cov);
    boolean multi = d > 1;
    this.indicators = List.of(
        Indicator.of("mean_sq_error", "‖μ − μ_true‖², squared error of the fitted mean"),
        Indicator.log("variance", "tr(Σ)/d, the fitted variance per coordinate (σ² in 1-D)"),
        new Indicator("trace_ratio", "tr(Σ)/tr(Σ_true), total variance kept", true, multi),
        new Indicator("det_ratio", "det(Σ)/det(Σ_true), volume kept", true, multi),
        Indicator.of("w2", "squared 2-Wasserstein distance to the true Gaussian (closed form)"),
        Indicator.optIn("w2_first", "squared 2-Wasserstein distance to the generation-0 fit"),
        Indicator.optIn("precision", "k-NN precision, k=5 (Kynkäänniemi et al. 2019), model vs true samples"),
        Indicator.optIn("recall", "k-NN recall, k=5 (Kynkäänniemi et al. 2019), model vs true samples"));
  }

  @Override
  public String name() {
    return "gaussian";
  }

  /** The true distribution. */
  public GaussianModel truth() {
    return truth;
  }

  @Override
  public Points real(int n, UniformRandomProvider rng) {
    return truth.sample(n, 1.0, rng);
  }

  @Override
  public GaussianModel fit(Points data, UniformRandomProvider rng) {
    int n = data.size();
    int d = data.dim();
    double[] x = data.values();
    if (d == 1) {
      return fit1(x, spec.estimator().divisor(n));
    }
    double[] mu = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mu[j] += x[i * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mu[j] /= n;
    }
    double div = spec.estimator().divisor(n);
    double[] cov = new double[d * d];
    double[] t = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        t[j] = x[i * d + j] - mu[j];
      }
      for (int a = 0; a < d; a++) {
        double ta = t[a];
        int row = a * d;
        for (int b = a; b < d; b++) {
          cov[row + b] += ta * t[b];
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        double v = cov[a * d + b] / div;
        cov[a * d + b] = v;
        cov[b * d + a] = v;
      }
    }
    return new GaussianModel(mu, cov);
  }

  /** The 1-D fit: the same sums in the same order as the general path, kept in registers. */
  private static GaussianModel fit1(double[] x, double div) {
    int n = x.length;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += x[i];
    }
    double mu = sum / n;
    double s = 0;
    double c = 0; // compensated two-pass (Chan, Golub and LeVeque 1983)
    for (int i = 0; i < n; i++) {
      double t = x[i] - mu;
      s += t * t;
      c += t;
    }
    return new GaussianModel(new double[] {mu}, new double[] {(s - c * c / n) / div});
  }

  @Override
  public List<Indicator> indicators() {
    return indicators;
  }

  @Override
  public void measure(Observation<Points, GaussianModel> o, double[] out) {
    GaussianModel m = o.model();
    int d = m.dim();
    double[] mu = m.mean();
    double[] cov = m.covariance();
    double err = 0;
    for (int j = 0; j < d; j++) {
      double t = mu[j] - spec.mean();
      err += t * t;
    }
    out[MEAN_SQ_ERROR] = err;
    double[] ev = d == 1 ? new double[] {cov[0]} : new EigenDecompositionSymmetric(matrix(cov, d)).getEigenvalues();
    double trace = 0;
    double logDet = 0;
    double sumSqrt = 0;
    for (double e : ev) {
      double v = Math.max(0, e);
      trace += v;
      logDet += Math.log(v);
      sumSqrt += Math.sqrt(v);
    }
    double v0 = spec.variance();
    out[VARIANCE] = trace / d;
    out[TRACE_RATIO] = trace / (d * v0);
    out[DET_RATIO] = Math.exp(logDet - d * Math.log(v0));
    // W2² to N(m·1, v0·I): the cross term (Σ₂^½ Σ₁ Σ₂^½)^½ reduces to √v0 · Σ₁^½, whose trace is Σ √λ_i.
    out[W2] = err + trace + d * v0 - 2 * Math.sqrt(v0) * sumSqrt;
    if (o.wants(W2_FIRST)) {
      GaussianModel f = o.first();
      out[W2_FIRST] = d == 1 ? GaussianDistances.w2Squared(mu[0], cov[0], f.mean()[0], f.covariance()[0])
          : GaussianDistances.w2Squared(mu, cov, f.mean(), f.covariance());
    }
    if (o.wants(PRECISION) || o.wants(RECALL)) {
      int n = spec.knnSamples();
      Points fake = m.sample(n, 1.0, o.rng());
      Points real = truth.sample(n, 1.0, o.rng());
      PrecisionRecall.Result pr = PrecisionRecall.knn(real.values(), fake.values(), d, KNN_K);
      out[PRECISION] = pr.precision();
      out[RECALL] = pr.recall();
    }
  }

  private static org.hipparchus.linear.RealMatrix matrix(double[] rowMajor, int d) {
    double[][] a = new double[d][d];
    for (int i = 0; i < d; i++) {
      System.arraycopy(rowMajor, i * d, a[i], 0, d);
    }
    return org.hipparchus.linear.MatrixUtils.createRealMatrix(a);
  }

  @Override
  public Points readData(DataInput in) throws IOException {
    return Points.read(in);
  }
}
