package org.tailguard.models.gmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.distribution.multivariate.MixtureMultivariateNormalDistribution;
import org.hipparchus.distribution.multivariate.MultivariateNormalDistribution;
import org.hipparchus.stat.fitting.MultivariateNormalMixtureExpectationMaximization;
import org.hipparchus.util.Pair;
import org.junit.jupiter.api.Test;
import org.tailguard.metrics.MixtureDistances;
import org.tailguard.models.Points;
import org.tailguard.random.RandomStreams;

class ExpectationMaximizationTest {
  /** Three well-separated components in the plane, one with a correlated covariance. */
  private static final GmmModel SEPARATED = new GmmModel(new double[] {0.2, 0.3, 0.5},
      new double[][] {{-6, 0}, {0, 6}, {6, -2}},
      new double[][] {{1, 0, 0, 1}, {0.5, 0, 0, 0.5}, {1.5, 0.6, 0.6, 1.0}});

  /**
   * On well-separated data EM recovers every parameter within 4 standard errors of its estimator: a
   * component fitted to about n_k = N·w_k points has mean SE √(Σ_tt / n_k), weight SE √(w(1 − w)/N)
   * (multinomial counts), and variance SE Σ_tt·√(2/n_k) (Gaussian MLE). The overlap between components
   * is below e^−8, too small to bias these, so no model term is added. Ten seeds, 3 components.
   */
  @Test
  void fit_wellSeparatedData_recoversMeansWeightsAndVariances() {
    int n = 3000;
    for (int seed = 0; seed < 10; seed++) {
      Points data = SEPARATED.sample(n, 1.0, RandomStreams.of(seed));
      ExpectationMaximization.Fit fit = ExpectationMaximization.fit(data.values(), 2, 3, 1e-5, 2000, 1e-6,
          RandomStreams.of(1000 + seed));
      assertTrue(fit.converged(), "seed " + seed);
      GmmModel m = fit.model();
      for (int k = 0; k < 3; k++) {
        int j = nearest(m, SEPARATED.means()[k]);
        double w = SEPARATED.weights()[k];
        double nk = n * w;
        assertEquals(w, m.weights()[j], 4 * Math.sqrt(w * (1 - w) / n), "weight " + k + ", seed " + seed);
        for (int t = 0; t < 2; t++) {
          double var = SEPARATED.covariances()[k][t * 2 + t];
          assertEquals(SEPARATED.means()[k][t], m.means()[j][t], 4 * Math.sqrt(var / nk), "mean " + k);
          assertEquals(var, m.covariances()[j][t * 2 + t], 4 * var * Math.sqrt(2 / nk), "variance " + k);
        }
      }
    }
  }

  private static int nearest(GmmModel m, double[] mu) {
    int best = 0;
    double bestD = Double.POSITIVE_INFINITY;
    for (int j = 0; j < m.size(); j++) {
      double d = Math.hypot(m.means()[j][0] - mu[0], m.means()[j][1] - mu[1]);
      if (d < bestD) {
        bestD = d;
        best = j;
      }
    }
    return best;
  }

  @Test
  void fit_sameFitStream_givesIdenticalModel() {
    Points data = GmmModel.of(MixtureTruthSpec.grid(5, 2, 0.0025)).sample(500, 1.0, RandomStreams.of(3));
    GmmModel a = ExpectationMaximization.fit(data.values(), 2, 25, 1e-5, 2000, 1e-6, RandomStreams.of(9)).model();
    GmmModel b = ExpectationMaximization.fit(data.values(), 2, 25, 1e-5, 2000, 1e-6, RandomStreams.of(9)).model();
    assertArrayEquals(a.weights(), b.weights());
    for (int k = 0; k < 25; k++) {
      assertArrayEquals(a.means()[k], b.means()[k]);
      assertArrayEquals(a.covariances()[k], b.covariances()[k]);
    }
    assertEquals(a.emIterations(), b.emIterations());
  }

  /**
   * From the same starting mixture and without regularisation, our EM and Hipparchus' run the same
   * iteration (E-step, M-step, stop on the change of the mean log-likelihood), so they must stop at the
   * same iteration with the same parameters. The only arithmetic differences are our log-sum-exp E-step
   * and the 10ε added to n_k, both relative 1e-15; tolerance 1e-9.
   */
  @Test
  void run_fromSameStart_matchesHipparchus() {
    GmmModel truth = GmmModel.of(MixtureTruthSpec.shumailov());
    for (int seed = 0; seed < 3; seed++) {
      Points data = truth.sample(1000, 1.0, RandomStreams.of(seed));
      double[] x = data.values();
      int[] labels = ExpectationMaximization.kmeansLabels(x, 2, 2, RandomStreams.of(50 + seed));
      double[] resp = new double[2000];
      for (int i = 0; i < 1000; i++) {
        resp[i * 2 + labels[i]] = 1;
      }
      double[] w = new double[2];
      double[][] mu = new double[2][2];
      double[][] cov = new double[2][4];
      ExpectationMaximization.mStep(x, 2, resp, 0, w, mu, cov);

      MultivariateNormalMixtureExpectationMaximization ref =
          new MultivariateNormalMixtureExpectationMaximization(data.rows());
      ref.fit(new MixtureMultivariateNormalDistribution(w.clone(), copy(mu), square(cov)), 2000, 1e-9);
      ExpectationMaximization.Fit ours = ExpectationMaximization.run(x, 2, w, mu, cov, 1e-9, 2000, 0);

      assertEquals(ref.getLogLikelihood(), ours.meanLogLikelihood(), 1e-9);
      List<Pair<Double, MultivariateNormalDistribution>> comps = ref.getFittedModel().getComponents();
      for (int k = 0; k < 2; k++) {
        assertEquals(comps.get(k).getFirst(), ours.model().weights()[k], 1e-9);
        assertArrayEquals(comps.get(k).getSecond().getMeans(), ours.model().means()[k], 1e-9);
        double[][] c = comps.get(k).getSecond().getCovariances().getData();
        assertArrayEquals(new double[] {c[0][0], c[0][1], c[1][0], c[1][1]}, ours.model().covariances()[k], 1e-9);
      }
    }
  }

  /**
   * Times a full fit (initialisation included) of N = 1000 points, K = 2, d = 2 (Shumailov et al.'s
   * setting) for our EM and Hipparchus' ({@code estimate} + {@code fit}), in thread CPU time, and checks
   * that both land on the same optimum (squared L2 distance between the two fits below 1e-4 of the
   * truth's ∫p²). The timings are printed, not asserted: the machine is shared.
   */
  @Test
  void timing_oursAndHipparchusAgreeOnShumailovSetting() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    GmmModel truth = GmmModel.of(MixtureTruthSpec.shumailov());
    double scale = MixtureDistances.innerProduct(truth.asMixture(), truth.asMixture());
    int fits = 25;
    List<Points> data = new ArrayList<>();
    for (int i = 0; i < fits; i++) {
      data.add(truth.sample(1000, 1.0, RandomStreams.of(i)));
    }
    long ours = 0;
    long theirs = 0;
    for (int round = 0; round < 2; round++) { // the first round warms up the JIT
      ours = 0;
      theirs = 0;
      for (int i = 0; i < fits; i++) {
        long t0 = mx.getCurrentThreadCpuTime();
        GmmModel a = ExpectationMaximization.fit(data.get(i).values(), 2, 2, 1e-5, 2000, 1e-6,
            RandomStreams.of(100 + i)).model();
        long t1 = mx.getCurrentThreadCpuTime();
        double[][] rows = data.get(i).rows();
        MultivariateNormalMixtureExpectationMaximization em = new MultivariateNormalMixtureExpectationMaximization(rows);
        em.fit(MultivariateNormalMixtureExpectationMaximization.estimate(rows, 2), 2000, 1e-5);
        long t2 = mx.getCurrentThreadCpuTime();
        ours += t1 - t0;
        theirs += t2 - t1;
        double d = MixtureDistances.l2Squared(a.asMixture(), asMixture(em.getFittedModel()));
        assertTrue(d < 1e-4 * scale, "fit " + i + ": the two EMs found different optima, L2² = " + d);
      }
    }
    System.out.printf("EM fit, N=1000, K=2, d=2: ours %.3f ms, Hipparchus %.3f ms (thread CPU, mean of %d)%n",
        ours / 1e6 / fits, theirs / 1e6 / fits, fits);
  }

  @Test
  void fit_identicalPoints_staysPositiveDefiniteThroughRegularisation() {
    double[] x = new double[200];
    java.util.Arrays.fill(x, 1.5);
    GmmModel m = ExpectationMaximization.fit(x, 2, 2, 1e-5, 2000, 1e-6, RandomStreams.of(1)).model();
    double sum = 0;
    for (int k = 0; k < 2; k++) {
      sum += m.weights()[k];
      assertArrayEquals(new double[] {1e-6, 0, 0, 1e-6}, m.covariances()[k], 1e-12);
    }
    assertEquals(1.0, sum, 1e-12);
  }

  @Test
  void fit_fewerPointsThanComponents_isRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> ExpectationMaximization.fit(new double[] {0, 0, 1, 1}, 2, 3, 1e-5, 10, 1e-6, RandomStreams.of(1)));
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  private static double[][][] square(double[][] rowMajor) {
    double[][][] out = new double[rowMajor.length][2][2];
    for (int k = 0; k < rowMajor.length; k++) {
      out[k] = new double[][] {{rowMajor[k][0], rowMajor[k][1]}, {rowMajor[k][2], rowMajor[k][3]}};
    }
    return out;
  }

  private static MixtureDistances.Mixture asMixture(MixtureMultivariateNormalDistribution m) {
    List<Pair<Double, MultivariateNormalDistribution>> comps = m.getComponents();
    int k = comps.size();
    double[] w = new double[k];
    double[][] mu = new double[k][];
    double[][] cov = new double[k][];
    for (int j = 0; j < k; j++) {
      w[j] = comps.get(j).getFirst();
      mu[j] = comps.get(j).getSecond().getMeans();
      double[][] c = comps.get(j).getSecond().getCovariances().getData();
      cov[j] = new double[] {c[0][0], c[0][1], c[1][0], c[1][1]};
    }
    return new MixtureDistances.Mixture(w, mu, cov);
  }
}
