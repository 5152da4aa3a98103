package org.tailguard.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Thresholds from a target FPR: at most the target on the calibration scores, and the smallest such. */
class CalibrationTest {
  @Test
  void thresholdForFpr_boundsCalibrationFpr() {
    qt().withFixedSeed(11).withExamples(300).forAll(integers().between(1, 500), doubles().between(0.001, 0.999),
        integers().between(0, 1000)).check((n, alpha, seed) -> {
          double[] s = new Random(seed).doubles(n).map(x -> Math.floor(x * 20) / 20).toArray(); // ties too
          double tau = Quantiles.thresholdForFpr(s, alpha);
          boolean within = Quantiles.fpr(s, tau) <= alpha + 1e-12;
          // Smallest: any observed score below tau gives an FPR above the target.
          boolean smallest = java.util.Arrays.stream(s).filter(x -> x < tau).allMatch(x -> Quantiles.fpr(s, x) > alpha);
          return within && smallest;
        });
  }

  @Test
  void linear_isNumpysPercentile() {
    double[] x = {15, 20, 35, 40, 50};
    assertEquals(20 + 0.2 * 15, Quantiles.linear(x, 0.3), 1e-12, "h = 4 * 0.3 = 1.2");
    assertEquals(35 + 0.4 * 5, Quantiles.linear(x, 0.6), 1e-12);
  }

  @Test
  void perplexityScorer_isConformal() {
    double[] human = {100, 200, 300, 400};
    PerplexityScorer s = new PerplexityScorer(null, human);
    assertEquals(1 - 1 / 5.0, s.scoreOfPerplexity(50), 1e-12, "below every human: p = 1/5");
    assertEquals(1 - 3 / 5.0, s.scoreOfPerplexity(200), 1e-12, "ties count as at most");
    assertEquals(0, s.scoreOfPerplexity(1000), 1e-12);
    assertTrue(s.scoreOfPerplexity(Double.POSITIVE_INFINITY) == 0);
  }
}
