package org.tailguard.models.regression;

import java.io.DataInput;
import java.io.IOException;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.linear.SingularValueDecomposition;
import org.tailguard.models.Indicator;
import org.tailguard.models.ModelFamily;
import org.tailguard.models.Observation;

/**
 * Fixed-design linear regression fitted by ordinary least squares, the linear model of Gerstgrasser et al.
 * ("Is Model Collapse Inevitable?", arXiv 2404.01413, COLM 2024, §2) and Dohmatob et al. ("Model Collapse
 * Demystified", arXiv 2402.07712).
 *
 * <p>Each chain draws its design X ∈ R^{T×d}, rows ~ N(0, I_d), once at generation 0 from the real-data
 * stream, with labels y = X w* + σ ε. Each later generation relabels the same X with the previous fit
 * (see {@link LinearRegressionModel#sample}). With A = (XᵀX)⁻¹Xᵀ the error e_n = ŵ − w* after n fits
 * follows e_n = e_{n−1} + A ε_n under replace and e_n = e_{n−1} + A ε_n / n under accumulate, so that
 * E‖e_n‖² = n σ²d/(T−d−1) (replace: linear growth, collapse) and σ²d/(T−d−1) Σ_{i≤n} 1/i² ≤ (π²/6)
 * σ²d/(T−d−1) (accumulate: bounded), using E tr((XᵀX)⁻¹) = d/(T−d−1) for the inverse Wishart.
 */
public final class LinearRegressionFamily implements ModelFamily<LabelledRows, LinearRegressionModel> {
  static final int TEST_ERROR = 0;
  static final int TEST_ERROR_RATIO = 1;
  static final int WEIGHT_NORM = 2;

  private final LinearRegressionSpec spec;
  private final double[] truth;
  private final List<Indicator> indicators = List.of(
      Indicator.of("test_error", "‖ŵ − w*‖² = E_x[(xᵀ(ŵ − w*))²] for x ~ N(0, I), the excess test error"),
      Indicator.of("test_error_ratio", "test_error / (σ²d/(T−d−1)), in units of the one-fit expectation; "
          + "n after n fits under replace, Σ 1/i² ≤ π²/6 under accumulate (Gerstgrasser et al.)"),
      Indicator.of("weight_norm", "‖ŵ‖, the norm of the fitted weights"));

  public LinearRegressionFamily(LinearRegressionSpec spec) {
    this.spec = spec;
    this.truth = spec.trueWeights().resolve(spec.dim(),
        spec.weightsSeed() == null ? 0L : spec.weightsSeed());
  }

  @Override
  public String name() {
    return "linear-regression";
  }

  /** w*, the true weights (a copy). */
  public double[] trueWeights() {
    return truth.clone();
  }

  /** σ²d/(T − d − 1), the expected test error of one OLS fit on T Gaussian rows; NaN unless T > d + 1. */
  public double oneFitExpectation(int rows) {
    int d = spec.dim();
    double s = spec.noise();
    return rows > d + 1 ? s * s * d / (rows - d - 1) : Double.NaN;
  }

  /** Draws a new design of {@code n} rows ~ N(0, I_d), then its labels y = X w* + σ ε. */
  @Override
  public LabelledRows real(int n, UniformRandomProvider rng) {
    Design x = Design.gaussian(n, spec.dim(), rng);
    ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
    double sigma = spec.noise();
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = x.dot(i, truth) + sigma * z.sample();
    }
    return LabelledRows.allRows(x, y);
  }

  /**
   * OLS: solves the normal equations XᵀX ŵ = Xᵀy by Cholesky; if XᵀX is singular (a subsample with fewer
   * than d independent rows), returns the minimum-norm least-squares solution from an SVD.
   */
  @Override
  public LinearRegressionModel fit(LabelledRows data, UniformRandomProvider rng) {
    Design x = data.design();
    int t = x.rows();
    int d = x.dim();
    double[] v = x.values();
    // Pooled label sets repeat design rows: fold them into a count and a label sum per row, so the Gram
    // matrix costs O(T d²) however many generations were accumulated.
    int[] count = new int[t];
    double[] sum = new double[t];
    for (int i = 0; i < data.size(); i++) {
      int r = data.row(i);
      count[r]++;
      sum[r] += data.label(i);
    }
    double[][] g = new double[d][d];
    double[] b = new double[d];
    for (int r = 0; r < t; r++) {
      if (count[r] == 0) {
        continue;
      }
      int base = r * d;
      for (int a = 0; a < d; a++) {
        double xa = v[base + a];
        b[a] += xa * sum[r];
        double cx = count[r] * xa;
        for (int c = a; c < d; c++) {
          g[a][c] += cx * v[base + c];
        }
      }
    }
    double maxDiag = 0;
    for (int a = 0; a < d; a++) {
      maxDiag = Math.max(maxDiag, g[a][a]);
      for (int c = 0; c < a; c++) {
        g[a][c] = g[c][a];
      }
    }
    RealMatrix gram = MatrixUtils.createRealMatrix(g);
    RealVector rhs = new ArrayRealVector(b, false);
    double[] w;
    try {
      w = new CholeskyDecomposition(gram, CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD,
          1e-12 * maxDiag).getSolver().solve(rhs).toArray();
    } catch (MathIllegalArgumentException singular) {
      w = new SingularValueDecomposition(gram).getSolver().solve(rhs).toArray();
    }
    return new LinearRegressionModel(x, w, spec.noise());
  }

  @Override
  public List<Indicator> indicators() {
    return indicators;
  }

  @Override
  public void measure(Observation<LabelledRows, LinearRegressionModel> o, double[] out) {
    LinearRegressionModel m = o.model();
    double[] w = m.weights();
    double err = 0;
    double norm = 0;
    for (int j = 0; j < w.length; j++) {
      double e = w[j] - truth[j];
      err += e * e;
      norm += w[j] * w[j];
    }
    out[TEST_ERROR] = err;
    // T is the chain's design size; σ = 0 leaves the ratio undefined (NaN).
    out[TEST_ERROR_RATIO] = spec.noise() > 0 ? err / oneFitExpectation(m.design().rows()) : Double.NaN;
    out[WEIGHT_NORM] = Math.sqrt(norm);
  }

  @Override
  public LabelledRows readData(DataInput in) throws IOException {
    return LabelledRows.read(in);
  }
}
