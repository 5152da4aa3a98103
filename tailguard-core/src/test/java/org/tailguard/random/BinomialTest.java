package org.tailguard.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BinomialTest {
  private static final int DRAWS = 100_000;

  /**
   * Chi-square goodness of fit against the exact pmf (Commons Statistics), on both sides of the n·p = 10
   * switch between inversion and BTRS, and for p > ½ (drawn as n − Bin(n, 1 − p)). With a fixed seed the
   * test is deterministic; a correct sampler gives a p-value spread over (0, 1), a wrong one ~0, so the
   * threshold 1e-4 separates them with room.
   */
  @ParameterizedTest
  @CsvSource({
      "20, 0.1", "1000, 0.003", "7, 0.5", "50, 0.199", "50, 0.2", "1000, 0.3", "100, 0.5", "1000000, 0.01",
      "40, 0.9", "2000, 0.85", "9, 0.999", "200, 0.05", "20000, 0.0006"})
  void sample_matchesExactPmf(int n, double p) {
    UniformRandomProvider rng = RandomStreams.of(n * 31L + Double.hashCode(p));
    long[] observed = new long[n + 1];
    double sum = 0;
    for (int i = 0; i < DRAWS; i++) {
      int x = Binomial.sample(rng, n, p);
      observed[x]++;
      sum += x;
    }
    BinomialDistribution exact = BinomialDistribution.of(n, p);
    double[] pmf = new double[n + 1];
    for (int k = 0; k <= n; k++) {
      pmf[k] = exact.probability(k);
    }
    double pValue = GoodnessOfFit.pValue(observed, pmf);
    assertTrue(pValue > 1e-4, "chi-square p-value " + pValue + " for Bin(" + n + ", " + p + ")");
    // the mean within 4 standard errors of n·p
    double se = Math.sqrt(n * p * (1 - p) / DRAWS);
    assertEquals(n * p, sum / DRAWS, 4 * se, "mean of Bin(" + n + ", " + p + ")");
  }

  @Test
  void sample_degenerateParameters() {
    UniformRandomProvider rng = RandomStreams.of(1);
    assertEquals(0, Binomial.sample(rng, 0, 0.5));
    assertEquals(0, Binomial.sample(rng, 10, 0));
    assertEquals(10, Binomial.sample(rng, 10, 1));
    assertThrows(IllegalArgumentException.class, () -> Binomial.sample(rng, -1, 0.5));
    assertThrows(IllegalArgumentException.class, () -> Binomial.sample(rng, 5, 1.5));
    assertThrows(IllegalArgumentException.class, () -> Binomial.sample(rng, 5, Double.NaN));
  }

  @Test
  void sample_largeNStaysInRange() {
    UniformRandomProvider rng = RandomStreams.of(2);
    for (int i = 0; i < 10_000; i++) {
      int x = Binomial.sample(rng, Integer.MAX_VALUE, 0.5);
      assertTrue(x >= 0, "negative draw " + x);
    }
  }

  /** The Stirling tail against ln k! summed exactly: the series error is below 1/(1680 (k+1)^7). */
  @Test
  void tail_matchesLogFactorial() {
    double logFactorial = 0;
    for (int k = 0; k <= 300; k++) {
      logFactorial += k == 0 ? 0 : Math.log(k);
      double expected = logFactorial - ((k + 0.5) * Math.log(k + 1) - (k + 1) + 0.5 * Math.log(2 * Math.PI));
      assertEquals(expected, Binomial.tail(k), 1e-10 + 1e-12 * logFactorial, "k=" + k);
    }
  }

  @Test
  void sample_sameStreamSameDraws() {
    UniformRandomProvider a = RandomStreams.of(9);
    UniformRandomProvider b = RandomStreams.of(9);
    for (int i = 0; i < 1000; i++) {
      assertEquals(Binomial.sample(a, 500 + i, 0.37), Binomial.sample(b, 500 + i, 0.37));
    }
  }
}
