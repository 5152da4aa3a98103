package org.tailguard.watermark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.hipparchus.distribution.continuous.UniformRealDistribution;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.tailguard.random.RandomStreams;

/**
 * The null distributions: tails against exact sums ({@link GoldenTest}'s helpers), and the randomised
 * p-value exactly uniform when the statistic is drawn from the null (Kolmogorov–Smirnov on 20,000
 * simulated statistics, rejected below significance 0.001; fixed seeds, so deterministic).
 */
class NullModelTest {
  @Test
  void binomial_tailMatchesExactSum() {
    NullModel.Binomial b = new NullModel.Binomial(3, 0.5);
    for (int k : new int[] {0, 10, 15, 25, 30}) {
      double exact = GoldenTest.binomialTail(30, k, 0.5);
      assertEquals(exact, b.pValue(k, 10), 1e-12 * exact);
    }
    assertEquals(1, b.pValue(0, 0));
    assertEquals(15, b.mean(10));
  }

  @Test
  void exponential_tailIsErlang() {
    NullModel.Exponential e = new NullModel.Exponential();
    for (double s : new double[] {1, 10, 50, 200}) {
      double exact = GoldenTest.erlangTail(20, s);
      assertEquals(exact, e.pValue(s, 20), 1e-10 * exact + 1e-300);
    }
  }

  @Test
  void randomizedPValue_isUniformUnderTheNull() {
    UniformRandomProvider rng = RandomStreams.of(11);
    NullModel.Binomial b = new NullModel.Binomial(1, 0.25);
    double[] p = new double[20_000];
    for (int i = 0; i < p.length; i++) {
      int n = 20 + rng.nextInt(100);
      int k = 0;
      for (int j = 0; j < n; j++) {
        k += rng.nextDouble() < 0.25 ? 1 : 0;
      }
      p[i] = b.randomizedPValue(k, n, rng.nextDouble());
    }
    double ks = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new UniformRealDistribution(0, 1), p);
    assertTrue(ks > 0.001, "KS p " + ks);
  }

  @Test
  void normalPValue_isTheUpperTail() {
    // Kirchenbauer et al.'s z = 4 threshold: ½·erfc(4/√2) ≈ 3.2e-5
    double expected = 0.5 * org.hipparchus.special.Erf.erfc(4 / Math.sqrt(2));
    assertEquals(expected, NullModel.normalPValue(4), 1e-12 * expected);
  }
}
