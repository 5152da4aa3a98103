package org.tailguard.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import org.hipparchus.distribution.multivariate.MultivariateNormalDistribution;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;
import org.tailguard.metrics.MixtureDistances.Mixture;

class MixtureDistancesTest {

  /** A 1-D mixture with unit-ish spreads, for the grid integrals. */
  private static final Mixture A1 = new Mixture(new double[] {0.3, 0.7}, new double[][] {{-1.5}, {1.0}},
      new double[][] {{0.5}, {1.2}});
  private static final Mixture B1 = new Mixture(new double[] {0.2, 0.5, 0.3}, new double[][] {{-2.0}, {0.4}, {2.5}},
      new double[][] {{0.8}, {0.3}, {1.5}});

  /** 2-D mixtures with correlated full covariances. */
  private static final Mixture A2 = new Mixture(new double[] {0.4, 0.6}, new double[][] {{-1, 0.5}, {1.5, -0.5}},
      new double[][] {{1.0, 0.4, 0.4, 0.6}, {0.5, -0.2, -0.2, 0.8}});
  private static final Mixture B2 = new Mixture(new double[] {0.25, 0.25, 0.5},
      new double[][] {{0, 0}, {2, 1}, {-1.5, -1}}, new double[][] {{0.7, 0, 0, 0.7}, {1.2, 0.5, 0.5, 0.9},
          {0.4, -0.1, -0.1, 0.5}});

  private static double density(Mixture m, double[] x) {
    double s = 0;
    int d = m.dim();
    double[] delta = new double[d];
    for (int k = 0; k < m.size(); k++) {
      for (int t = 0; t < d; t++) {
        delta[t] = x[t] - m.means()[k][t];
      }
      s += m.weights()[k] * Math.exp(MixtureDistances.logNormalDensity(delta, m.covariances()[k], d));
    }
    return s;
  }

  /**
   * ∫(p − q)² by the trapezoid rule on [−14, 14] with step 0.002. The integrand is analytic and its tails
   * beyond ±14 are below e^−50, so the trapezoid error on this grid is far below rounding (the rule is
   * spectrally accurate for such functions, Trefethen and Weideman, SIAM Rev. 56, 2014); what remains is
   * the rounding of 14 001 summands, about 1e-13 relative. Tolerance 1e-9 relative.
   */
  @Test
  void l2Squared_matchesGridIntegral1d() {
    double h = 0.002;
    double sum = 0;
    for (int i = 0; i <= 14_000; i++) {
      double x = -14 + i * h;
      double u = density(A1, new double[] {x}) - density(B1, new double[] {x});
      sum += (i == 0 || i == 14_000 ? 0.5 : 1) * u * u;
    }
    double grid = sum * h;
    assertEquals(grid, MixtureDistances.l2Squared(A1, B1), 1e-9 * grid);
  }

  /**
   * The same on the square [−10, 10]² with step 0.02 (1001² nodes). The smallest eigenvalue of any
   * covariance is about 0.23, so the integrand is smooth on the scale of the step and the tails beyond
   * the square are below e^−60; the product trapezoid rule is again accurate far below 1e-9 relative.
   */
  @Test
  void l2Squared_matchesGridIntegral2d() {
    double h = 0.02;
    int n = 1000;
    double sum = 0;
    double[] x = new double[2];
    for (int i = 0; i <= n; i++) {
      x[0] = -10 + i * h;
      double wi = i == 0 || i == n ? 0.5 : 1;
      for (int j = 0; j <= n; j++) {
        x[1] = -10 + j * h;
        double wj = j == 0 || j == n ? 0.5 : 1;
        double u = density(A2, x) - density(B2, x);
        sum += wi * wj * u * u;
      }
    }
    double grid = sum * h * h;
    assertEquals(grid, MixtureDistances.l2Squared(A2, B2), 1e-9 * grid);
  }

  /** Two equal-variance Gaussians in 1-D: L2² = (1 − exp(−Δ²/(4σ²))) / (σ√π). */
  @Test
  void l2Squared_equalVarianceGaussians_matchesFormula() {
    double s2 = 0.7;
    double delta = 1.3;
    Mixture p = Mixture.gaussian(new double[] {0.2}, new double[] {s2});
    Mixture q = Mixture.gaussian(new double[] {0.2 + delta}, new double[] {s2});
    double expected = (1 - Math.exp(-delta * delta / (4 * s2))) / (Math.sqrt(s2) * Math.sqrt(Math.PI));
    assertEquals(expected, MixtureDistances.l2Squared(p, q), 1e-14);
  }

  @Test
  void logNormalDensity_matchesHipparchusInOneTwoAndThreeDimensions() {
    double[][] covs = {{0.8}, {1.0, 0.3, 0.3, 0.5}, {2.0, 0.3, -0.2, 0.3, 1.0, 0.1, -0.2, 0.1, 0.6}};
    double[][] xs = {{0.7}, {0.4, -1.1}, {1.0, -0.5, 0.3}};
    for (int c = 0; c < covs.length; c++) {
      int d = xs[c].length;
      double[][] m = new double[d][d];
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          m[i][j] = covs[c][i * d + j];
        }
      }
      double ref = new MultivariateNormalDistribution(new double[d], m).density(xs[c]);
      assertEquals(Math.log(ref), MixtureDistances.logNormalDensity(xs[c], covs[c], d), 1e-12, "d = " + d);
    }
  }

  @Test
  void logNormalDensity_rejectsIndefiniteMatrix() {
    assertThrows(IllegalArgumentException.class,
        () -> MixtureDistances.logNormalDensity(new double[2], new double[] {1, 2, 2, 1}, 2));
    assertThrows(IllegalArgumentException.class, () -> MixtureDistances.logNormalDensity(new double[3],
        new double[] {1, 0, 0, 0, 1, 2, 0, 2, 1}, 3));
  }

  /** The KDE sums are the general inner products of the equivalent mixture of n equal N(x_i, h²I). */
  @Test
  void kdeInnerProducts_equalGeneralFormulaOnEquivalentMixture() {
    double[] pts = {0.1, 0.2, -1.0, 0.7, 2.0, -0.4, 0.5, 0.5, 0.5, 0.5};
    int n = 5;
    double h2 = 0.3;
    double[] w = new double[n];
    double[][] mu = new double[n][];
    double[][] cov = new double[n][];
    for (int i = 0; i < n; i++) {
      w[i] = 1.0 / n;
      mu[i] = new double[] {pts[2 * i], pts[2 * i + 1]};
      cov[i] = new double[] {h2, 0, 0, h2};
    }
    Mixture kde = new Mixture(w, mu, cov);
    assertEquals(MixtureDistances.innerProduct(kde, kde), MixtureDistances.kdeSelfInner(pts, 2, h2), 1e-14);
    assertEquals(MixtureDistances.innerProduct(kde, B2), MixtureDistances.kdeCrossInner(pts, 2, h2, B2), 1e-14);
  }

  private static Gen<Mixture> mixtures(int d) {
    return SourceDSL.integers().between(1, 4).zip(SourceDSL.longs().all(), (k, seed) -> {
      java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
      double[] w = new double[k];
      double[][] mu = new double[k][d];
      double[][] cov = new double[k][d * d];
      double total = 0;
      for (int c = 0; c < k; c++) {
        w[c] = 0.1 + r.nextDouble();
        total += w[c];
        for (int t = 0; t < d; t++) {
          mu[c][t] = r.nextDouble(-3, 3);
        }
        // A Aᵀ + 0.1 I is symmetric positive definite
        double[] a = new double[d * d];
        for (int t = 0; t < d * d; t++) {
          a[t] = r.nextDouble(-1, 1);
        }
        for (int i = 0; i < d; i++) {
          for (int j = 0; j < d; j++) {
            double s = i == j ? 0.1 : 0;
            for (int t = 0; t < d; t++) {
              s += a[i * d + t] * a[j * d + t];
            }
            cov[c][i * d + j] = s;
          }
        }
      }
      for (int c = 0; c < k; c++) {
        w[c] /= total;
      }
      return new Mixture(w, mu, cov);
    });
  }

  /**
   * Symmetric up to rounding: ⟨p, q⟩ and ⟨q, p⟩ add the same terms in another order, so they may differ in
   * the last bits; the tolerance is 1e-12 of ⟨p, p⟩ + ⟨q, q⟩, the scale of the cancelling terms. L2(p, p)
   * is exactly 0 because its three inner products are computed in the same order.
   */
  @Test
  void l2Squared_isSymmetricAndZeroOnItself() {
    for (int d = 1; d <= 3; d++) {
      qt().withFixedSeed(20241122L + d).withExamples(200).forAll(mixtures(d), mixtures(d)).check((p, q) -> {
        double pq = MixtureDistances.l2Squared(p, q);
        double scale = MixtureDistances.innerProduct(p, p) + MixtureDistances.innerProduct(q, q);
        return pq >= 0 && Math.abs(pq - MixtureDistances.l2Squared(q, p)) <= 1e-12 * scale
            && MixtureDistances.l2Squared(p, p) == 0;
      });
    }
  }

  /** √L2² is the L2 norm of p − q, so it obeys the triangle inequality (up to rounding, 1e-12). */
  @Test
  void l2_obeysTriangleInequality() {
    qt().withFixedSeed(7L).withExamples(200).forAll(mixtures(2), mixtures(2), mixtures(2)).check((p, q, r) ->
        Math.sqrt(MixtureDistances.l2Squared(p, r))
            <= Math.sqrt(MixtureDistances.l2Squared(p, q)) + Math.sqrt(MixtureDistances.l2Squared(q, r)) + 1e-12);
  }

  @Test
  void innerProduct_rejectsMixedDimensions() {
    assertThrows(IllegalArgumentException.class, () -> MixtureDistances.innerProduct(A1, A2));
    assertTrue(MixtureDistances.innerProduct(A2, A2) > 0);
  }
}
