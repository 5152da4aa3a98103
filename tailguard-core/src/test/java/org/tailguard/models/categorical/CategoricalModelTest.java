package org.tailguard.models.categorical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tailguard.random.GoodnessOfFit;
import org.tailguard.random.RandomStreams;

/**
 * The fitted model's sampler. Chi-square tests use a fixed seed and the threshold p > 1e-4: a correct
 * sampler gives p-values spread over (0, 1), a wrong one (a category skipped, a conditional ratio off)
 * gives ~0 at these sample sizes.
 */
class CategoricalModelTest {
  private static final int[] COUNTS = {1, 2, 0, 3, 4, 0, 10};
  private static final double P_VALUE_FLOOR = 1e-4;

  private static CategoricalModel model() {
    return new CategoricalModel(Counts.of(COUNTS));
  }

  @Test
  void fit_isTheEmpiricalDistribution() {
    CategoricalModel m = model();
    assertEquals(7, m.outcomes());
    assertEquals(5, m.support());
    assertArrayEquals(new double[] {0.05, 0.1, 0, 0.15, 0.2, 0, 0.5}, m.probabilities(), 1e-15);
    assertEquals(0.15, m.probability(3), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> new CategoricalModel(Counts.empty(3)));
  }

  /** One draw at a time, pooled: the pooled counts are multinomial with the model's probabilities. */
  @Test
  void sample_singleDrawsFollowTheModel() {
    UniformRandomProvider rng = RandomStreams.of(61);
    long[] pooled = new long[COUNTS.length];
    for (int r = 0; r < 50_000; r++) {
      Counts s = model().sample(1, 1.0, rng);
      pooled[s.outcome(0)]++;
    }
    assertTrue(GoodnessOfFit.pValue(pooled, model().probabilities()) > P_VALUE_FLOOR);
    assertEquals(0, pooled[2] + pooled[5], "outcomes of probability 0 were drawn");
  }

  /** n = 50 draws: every marginal is Bin(50, p_i), and Cov(X_i, X_j) = −n p_i p_j. */
  @Test
  void sample_isMultinomial() {
    int n = 50;
    int reps = 20_000;
    UniformRandomProvider rng = RandomStreams.of(62);
    CategoricalModel m = model();
    double[] p = m.probabilities();
    long[][] hist = new long[p.length][n + 1];
    double s0 = 0;
    double s6 = 0;
    double s06 = 0;
    for (int r = 0; r < reps; r++) {
      int[] x = m.sample(n, 1.0, rng).toDense();
      int total = 0;
      for (int i = 0; i < p.length; i++) {
        hist[i][x[i]]++;
        total += x[i];
      }
      assertEquals(n, total);
      s0 += x[0];
      s6 += x[6];
      s06 += (double) x[0] * x[6];
    }
    for (int i = 0; i < p.length; i++) {
      if (p[i] == 0) {
        assertEquals(reps, hist[i][0]);
        continue;
      }
      BinomialDistribution b = BinomialDistribution.of(n, p[i]);
      double[] pmf = new double[n + 1];
      for (int x = 0; x <= n; x++) {
        pmf[x] = b.probability(x);
      }
      double pv = GoodnessOfFit.pValue(hist[i], pmf);
      assertTrue(pv > P_VALUE_FLOOR, "outcome " + i + ": chi-square p-value " + pv);
    }
    double cov = s06 / reps - (s0 / reps) * (s6 / reps);
    double se = Math.sqrt(n * p[0] * (1 - p[0]) * n * p[6] * (1 - p[6]) * 2 / reps);
    assertEquals(-n * p[0] * p[6], cov, 4 * se);
  }

  /** Bias λ draws from p^{1/λ} renormalised: for λ = ½, from p² / Σp². */
  @Test
  void sample_biasNarrowsToPowerOfProbabilities() {
    UniformRandomProvider rng = RandomStreams.of(63);
    double[] p = model().probabilities();
    double[] narrowed = new double[p.length];
    double z = 0;
    for (int i = 0; i < p.length; i++) {
      narrowed[i] = p[i] * p[i];
      z += narrowed[i];
    }
    for (int i = 0; i < p.length; i++) {
      narrowed[i] /= z;
    }
    long[] pooled = new long[p.length];
    for (int r = 0; r < 2_000; r++) {
      int[] x = model().sample(25, 0.5, rng).toDense();
      for (int i = 0; i < p.length; i++) {
        pooled[i] += x[i];
      }
    }
    assertTrue(GoodnessOfFit.pValue(pooled, narrowed) > P_VALUE_FLOOR);
  }

  @ParameterizedTest
  @ValueSource(doubles = {1e-3, 1e-6})
  void sample_tinyBiasDrawsOnlyTheMode(double lambda) {
    Counts s = model().sample(1000, lambda, RandomStreams.of(64));
    assertEquals(1, s.support());
    assertEquals(6, s.outcome(0));
  }

  @Test
  void sample_tinyBiasSharesTiedModes() {
    CategoricalModel tied = new CategoricalModel(Counts.of(new int[] {5, 1, 5}));
    int[] x = tied.sample(10_000, 1e-4, RandomStreams.of(65)).toDense();
    assertEquals(0, x[1]);
    assertEquals(5_000, x[0], 4 * Math.sqrt(2_500));
  }

  @Test
  void sample_rejectsBadArguments() {
    UniformRandomProvider rng = RandomStreams.of(66);
    assertThrows(IllegalArgumentException.class, () -> model().sample(-1, 1, rng));
    assertThrows(IllegalArgumentException.class, () -> model().sample(5, 0, rng));
    assertThrows(IllegalArgumentException.class, () -> model().sample(5, 1.5, rng));
    assertEquals(0, model().sample(0, 1, rng).size());
  }

  /**
   * Real data come from the truth by alias draws (n below the support size) or conditional binomials
   * (otherwise); both pooled over replicates must match the truth.
   */
  @ParameterizedTest
  @ValueSource(ints = {7, 400})
  void real_matchesTheTruthOnBothPaths(int n) {
    CategoricalFamily f = new CategoricalFamily(CategoricalSpec.zipf(50, 1.2));
    UniformRandomProvider rng = RandomStreams.of(67 + n);
    long[] pooled = new long[50];
    for (int r = 0; r < 40_000 / n + 1; r++) {
      Counts c = f.real(n, rng);
      assertEquals(n, c.size());
      int[] x = c.toDense();
      for (int i = 0; i < x.length; i++) {
        pooled[i] += x[i];
      }
    }
    assertTrue(GoodnessOfFit.pValue(pooled, f.truth()) > P_VALUE_FLOOR);
  }
}
