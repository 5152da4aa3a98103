package org.tailguard.models.regression;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.tailguard.random.RandomStreams;

/**
 * Noiseless OLS recovers the true weights: with σ = 0, y = X w* exactly, so the normal equations
 * XᵀX ŵ = Xᵀ X w* have the unique solution ŵ = w* whenever X has full column rank.
 *
 * <p>Designs are Gaussian with T ≥ 2d + 2 rows and kept only if well-conditioned, κ(X) ≤ 30 (so
 * κ(XᵀX) ≤ 900). Solving the normal equations by Cholesky is backward stable, so the forward error is of
 * order d·u·κ(XᵀX)·‖w*‖ with unit roundoff u ≈ 1.1e−16 (Higham, "Accuracy and Stability of Numerical
 * Algorithms", 2nd ed., §10.1 and §20.4); the tolerance 1e−12·κ(XᵀX)·max(1, ‖w*‖) is about 100× that, and
 * still fails for any real bug (an error at 1e−8 or more).
 */
class OlsPropertyTest {
  @Test
  void fit_recoversTrueWeightsExactly_whenNoiseless() {
    qt().withFixedSeed(20240401L).withExamples(200)
        .forAll(integers().between(1, 12), integers().between(0, 60), longs().all(), doubles().between(-100, 100))
        .assuming((d, extra, seed, scale) -> condition(design(d, extra, seed)) <= 30)
        .checkAssert((d, extra, seed, scale) -> {
          int t = 2 * d + 2 + extra;
          double[] w = new double[d];
          UniformRandomProvider wr = RandomStreams.of(seed ^ 0x5DEECE66DL);
          ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(wr);
          for (int j = 0; j < d; j++) {
            w[j] = scale * z.sample();
          }
          LinearRegressionFamily family =
              new LinearRegressionFamily(new LinearRegressionSpec(d, 0.0, TrueWeights.of(w), null));
          LabelledRows data = family.real(t, RandomStreams.of(seed));
          LinearRegressionModel fit = family.fit(data, RandomStreams.of(seed + 1));
          double kappa = condition(data.design());
          double tol = 1e-12 * kappa * kappa * Math.max(1, norm(w));
          double[] got = fit.weights();
          double err = distance(got, w);
          if (!(err <= tol)) {
            throw new AssertionError("d=" + d + " T=" + t + ": ‖ŵ − w*‖ = " + err + " > " + tol);
          }
          // Relabelling a noiseless model and refitting reproduces it.
          LabelledRows again = fit.sample(t, 1.0, RandomStreams.of(seed + 2));
          double drift = distance(family.fit(again, RandomStreams.of(seed + 3)).weights(), w);
          if (!(drift <= 2 * tol)) {
            throw new AssertionError("d=" + d + " T=" + t + ": refit drifted by " + drift);
          }
        });
  }

  /** The design the family draws for these parameters: the same stream, so the same rows. */
  static Design design(int d, int extra, long seed) {
    return Design.gaussian(2 * d + 2 + extra, d, RandomStreams.of(seed));
  }

  /** κ(X) = σ_max/σ_min, by SVD. */
  static double condition(Design x) {
    double[][] a = new double[x.rows()][x.dim()];
    for (int i = 0; i < x.rows(); i++) {
      System.arraycopy(x.values(), i * x.dim(), a[i], 0, x.dim());
    }
    return new SingularValueDecomposition(MatrixUtils.createRealMatrix(a)).getConditionNumber();
  }

  static double norm(double[] w) {
    double s = 0;
    for (double v : w) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s);
  }
}
