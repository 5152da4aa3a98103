package org.tailguard.models.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tailguard.models.Points;
import org.tailguard.random.RandomStreams;

class GmmModelTest {
  private static final GmmModel MIX = new GmmModel(new double[] {0.3, 0.7}, new double[][] {{-1, 2}, {2, 0}},
      new double[][] {{1.0, 0.5, 0.5, 2.0}, {0.5, -0.2, -0.2, 0.3}});

  /** Sample mean and trace of the sample covariance against μ and {@link GmmModel#totalVariance()}, 4 SE. */
  @Test
  void sample_matchesMeanAndTotalVariance() {
    int n = 200_000;
    Points p = MIX.sample(n, 1.0, RandomStreams.of(11));
    double[] x = p.values();
    double[] mean = {0.3 * -1 + 0.7 * 2, 0.3 * 2 + 0.7 * 0};
    double m0 = 0;
    double m1 = 0;
    for (int i = 0; i < n; i++) {
      m0 += x[2 * i];
      m1 += x[2 * i + 1];
    }
    m0 /= n;
    m1 /= n;
    double s = 0;
    double s2 = 0;
    for (int i = 0; i < n; i++) {
      double r = Math.pow(x[2 * i] - mean[0], 2) + Math.pow(x[2 * i + 1] - mean[1], 2);
      s += r;
      s2 += r * r;
    }
    double tv = s / n;
    double se = Math.sqrt((s2 / n - tv * tv) / n);
    double v = MIX.totalVariance();
    assertEquals(v, tv, 4 * se);
    assertEquals(mean[0], m0, 4 * Math.sqrt(v / n));
    assertEquals(mean[1], m1, 4 * Math.sqrt(v / n));
  }

  /** With bias λ each component is N(μ_k, λΣ_k): a one-component model's sample variance is λΣ, 4 SE. */
  @Test
  void sample_withBias_scalesComponentCovariance() {
    GmmModel one = new GmmModel(new double[] {1}, new double[][] {{0, 0}}, new double[][] {{2.0, 0.6, 0.6, 1.0}});
    int n = 100_000;
    double lambda = 0.25;
    double[] x = one.sample(n, lambda, RandomStreams.of(5)).values();
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      sxx += x[2 * i] * x[2 * i];
      sxy += x[2 * i] * x[2 * i + 1];
      syy += x[2 * i + 1] * x[2 * i + 1];
    }
    // SE of a Gaussian second moment E[XY]: √((σ_xx σ_yy + σ_xy²)/n)
    assertEquals(lambda * 2.0, sxx / n, 4 * lambda * Math.sqrt(2 * 4.0 / n));
    assertEquals(lambda * 0.6, sxy / n, 4 * lambda * Math.sqrt((2.0 + 0.36) / n));
    assertEquals(lambda * 1.0, syy / n, 4 * lambda * Math.sqrt(2 * 1.0 / n));
  }

  @Test
  void modesCovered_countsComponentsWithASampleWithinThreeSigma() {
    GmmModel grid = GmmModel.of(MixtureTruthSpec.grid(5, 2, 0.0025)); // σ = 0.05
    double[] pts = {
        -4, -4, // a mode centre
        0.149, 0, // 2.98σ from (0, 0)
        4, 4.151, // 3.02σ from (4, 4): not covered
        1, 1}; // between modes
    assertEquals(2, grid.modesCovered(pts, 3.0));
    assertEquals(3, grid.modesCovered(pts, 3.1));
  }

  @Test
  void grid_placesModesOnACentredLattice() {
    GmmModel grid = GmmModel.of(MixtureTruthSpec.grid(5, 2, 0.0025));
    assertEquals(25, grid.size());
    assertEquals(0.04, grid.weights()[7], 1e-15);
    assertEquals(-4, grid.means()[0][0]);
    assertEquals(4, grid.means()[24][1]);
    // between-mode variance 2·8 per the grid {−4, −2, 0, 2, 4}², plus 2·0.0025 within
    assertEquals(16.005, grid.totalVariance(), 1e-12);
  }

  @Test
  void constructor_rejectsIndefiniteCovariance() {
    assertThrows(IllegalStateException.class,
        () -> new GmmModel(new double[] {1}, new double[][] {{0, 0}}, new double[][] {{1, 2, 2, 1}}));
  }
}
