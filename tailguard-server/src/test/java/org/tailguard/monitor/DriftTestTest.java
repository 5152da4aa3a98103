package org.tailguard.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.tailguard.random.RandomStreams;

class DriftTestTest {
  /** scikit-learn's {@code roc_auc_score} documentation example: y = 0 0 1 1, scores .1 .4 .35 .8 → 0.75. */
  @Test
  void auc_handComputed() {
    double[] ranks = DriftTest.midRanks(new double[] {0.1, 0.4, 0.35, 0.8});
    assertArrayEquals(new double[] {1, 3, 2, 4}, ranks);
    assertEquals(0.75, DriftTest.auc(ranks, new int[] {0, 0, 1, 1}), 1e-12);
  }

  @Test
  void midRanks_tiesShareTheMeanRank() {
    assertArrayEquals(new double[] {1.5, 1.5, 3}, DriftTest.midRanks(new double[] {1, 1, 2}));
    // tied scores across classes count ½: AUC = (1.5 − 1)/(1·1) = 0.5
    assertEquals(0.5, DriftTest.auc(DriftTest.midRanks(new double[] {7, 7}), new int[] {0, 1}), 1e-12);
  }

  /**
   * Two samples from one distribution: the test must flag about 5% of pairs. 1,000 independent pairs of 100
   * responses per side; the flag rate must lie within 3.5 binomial standard errors of 0.05
   * (σ = √(0.05 · 0.95 / 1000) ≈ 0.0069, so [0.026, 0.074]). The permutation test is exact at 5% up to the
   * discreteness of the AUC and the 200-permutation estimate of the null quantile.
   */
  @Test
  void falsePositiveRate_sameDistribution_nearFivePercent() {
    int reps = 1000;
    DriftTest.Options o = DriftTest.Options.defaults().withPermutations(200);
    UniformRandomProvider rng = RandomStreams.of(42);
    double[] p = zipf(300, 1.0);
    int flagged = 0;
    for (int r = 0; r < reps; r++) {
      List<String[]> a = docs(p, 100, 8, rng);
      List<String[]> b = docs(p, 100, 8, rng);
      if (DriftTest.testTokens(a, b, o, rng).flagged()) {
        flagged++;
      }
    }
    double rate = (double) flagged / reps;
    double se = Math.sqrt(0.05 * 0.95 / reps);
    System.out.printf("cpu %.2f s%n", java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9);
    System.out.printf("drift test false-positive rate: %d/%d = %.3f (nominal 0.05, ±3.5σ = %.3f)%n", flagged, reps, rate,
        3.5 * se);
    assertTrue(Math.abs(rate - 0.05) <= 3.5 * se, "false-positive rate " + rate);
  }

  /** A shifted distribution (a third of the mass moved to other words) is flagged, with AUC above Evidently's 0.55. */
  @Test
  void power_shiftedDistribution_flagged() {
    UniformRandomProvider rng = RandomStreams.of(7);
    double[] p = zipf(300, 1.0);
    double[] q = p.clone();
    for (int i = 0; i < 20; i++) { // move mass from the 20 most frequent words to 20 rare ones
      double m = q[i] / 3;
      q[i] -= m;
      q[299 - i] += m;
    }
    DriftTest.Options o = DriftTest.Options.defaults().withPermutations(200);
    for (int r = 0; r < 10; r++) {
      DriftTest.Result res = DriftTest.testTokens(docs(p, 300, 10, rng), docs(q, 300, 10, rng), o, rng);
      assertTrue(res.flagged() && res.auc() > 0.55, "rep " + r + ": " + res);
    }
  }

  @Test
  void test_sameSeed_sameResult() {
    double[] p = zipf(100, 1.0);
    List<String[]> a = docs(p, 50, 6, RandomStreams.of(1));
    List<String[]> b = docs(p, 50, 6, RandomStreams.of(2));
    DriftTest.Options o = DriftTest.Options.defaults();
    assertEquals(DriftTest.testTokens(a, b, o, RandomStreams.of(3)), DriftTest.testTokens(a, b, o, RandomStreams.of(3)));
  }

  static double[] zipf(int n, double s) {
    double[] p = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      p[i] = Math.pow(i + 1, -s);
      sum += p[i];
    }
    for (int i = 0; i < n; i++) {
      p[i] /= sum;
    }
    return p;
  }

  static List<String[]> docs(double[] p, int n, int length, UniformRandomProvider rng) {
    double[] cdf = new double[p.length];
    double c = 0;
    for (int i = 0; i < p.length; i++) {
      c += p[i];
      cdf[i] = c;
    }
    List<String[]> out = new ArrayList<>();
    for (int d = 0; d < n; d++) {
      String[] doc = new String[length];
      for (int k = 0; k < length; k++) {
        int i = java.util.Arrays.binarySearch(cdf, rng.nextDouble() * c);
        doc[k] = "w" + Math.min(p.length - 1, i < 0 ? -i - 1 : i);
      }
      out.add(doc);
    }
    return out;
  }
}
