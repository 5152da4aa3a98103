package org.tailguard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.tailguard.random.RandomStreams;

/**
 * The exact laws the consistency check relies on, each confronted with a direct simulation, and the
 * check's ability to fail. Tolerances are 4 Monte-Carlo standard errors; the laws are exact, so there is
 * no model-approximation term.
 */
class ConsistencyTest {

  @Test
  void expectedLogVariance_matchesSimulatedUnbiasedRefits() {
    int m = 10;
    int steps = 3;
    int n = 40_000;
    UniformRandomProvider rng = RandomStreams.of(11);
    ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
    double[] logVar = new double[n];
    double[] x = new double[m];
    for (int c = 0; c < n; c++) {
      double mu = 0;
      double sigma = 1;
      for (int s = 0; s < steps; s++) {
        double sum = 0;
        for (int i = 0; i < m; i++) {
          x[i] = mu + sigma * z.sample();
          sum += x[i];
        }
        mu = sum / m;
        double ss = 0;
        for (int i = 0; i < m; i++) {
          ss += (x[i] - mu) * (x[i] - mu);
        }
        sigma = Math.sqrt(ss / (m - 1));
      }
      logVar[c] = 2 * Math.log(sigma);
    }
    double expected = Consistency.expectedLogVariance(steps, m);
    double se = Consistency.standardError(logVar);
    assertEquals(expected, Consistency.mean(logVar), 4 * se);
  }

  @Test
  void expectedGiniSimpson_matchesSimulatedWrightFisher() {
    double[] p0 = Consistency.start(5, "zipf", 1.2);
    int m = 8;
    int steps = 4;
    int n = 40_000;
    UniformRandomProvider rng = RandomStreams.of(12);
    double[] gini = new double[n];
    for (int c = 0; c < n; c++) {
      double[] p = p0.clone();
      for (int s = 0; s < steps; s++) {
        int[] counts = new int[p.length];
        for (int i = 0; i < m; i++) {
          double u = rng.nextDouble();
          int k = 0;
          while (k < p.length - 1 && u >= p[k]) {
            u -= p[k++];
          }
          counts[k]++;
        }
        for (int k = 0; k < p.length; k++) {
          p[k] = counts[k] / (double) m;
        }
      }
      double sq = 0;
      for (double v : p) {
        sq += v * v;
      }
      gini[c] = 1 - sq;
    }
    double expected = Consistency.expectedGiniSimpson(steps, m, p0);
    assertEquals(expected, Consistency.mean(gini), 4 * Consistency.standardError(gini));
  }

  @Test
  void start_isNormalisedZipfOrUniform() {
    double[] z = Consistency.start(1000, "zipf", 1.2);
    assertEquals(1.0, java.util.Arrays.stream(z).sum(), 1e-12);
    assertEquals(Math.pow(2, 1.2), z[0] / z[1], 1e-12);
    double[] u = Consistency.start(4, "uniform", 1.2);
    assertEquals(0.25, u[3], 0);
  }

  @Test
  void checks_failWhenTheTwoSidesDifferInDistribution() {
    UniformRandomProvider rng = RandomStreams.of(13);
    double[] a = new double[500];
    double[] b = new double[500];
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.exp(rng.nextDouble());
      b[i] = 1.3 * Math.exp(rng.nextDouble()); // a 30% scale error, as a loop off by one step would give
    }
    assertFalse(Consistency.ks("σ²", a, b, Double.NaN, 1).pass());
    assertFalse(Consistency.welch("support", a, b).pass());
    assertTrue(Consistency.ks("σ²", a, a.clone(), Double.NaN, 1).pass());
    assertFalse(Consistency.meanVsTheory("mean", a, null, 1.3 * Consistency.mean(a)).pass());
    assertTrue(Consistency.meanVsTheory("mean", a, null, Consistency.mean(a)).pass());
  }

  @Test
  void welch_withoutSpreadPassesOnlyOnEqualMeans() {
    assertTrue(Consistency.welch("support", new double[] {1, 1}, new double[] {1, 1}).pass());
    assertFalse(Consistency.welch("support", new double[] {1, 1}, new double[] {2, 2}).pass());
  }
}
