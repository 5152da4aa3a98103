package org.tailguard.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.tailguard.random.RandomStreams;

/** The split-conformal threshold rule and its false-positive guarantee. */
class CalibrationTest {

  @Test
  void threshold_isTheConformalOrderStatistic() {
    double[] h = {5, 1, 4, 2, 3, 9, 8, 7, 6, 10}; // n = 10
    // α = 0.2: m = ⌊0.2 · 11⌋ − 1 = 1, so t = the 2nd largest = 9, and only 10 exceeds it
    assertEquals(9, Calibration.threshold(h, 0.2));
    // α = 0.05: m = ⌊0.55⌋ − 1 < 0: no threshold can promise 5% with 10 texts
    assertEquals(Double.POSITIVE_INFINITY, Calibration.threshold(h, 0.05));
    assertEquals(19, Calibration.minimumSample(0.05));
    assertEquals(99, Calibration.minimumSample(0.01));
    assertTrue(Double.isFinite(Calibration.threshold(new double[99], 0.01)));
  }

  @Test
  void threshold_tiesCountAsHuman() {
    double[] h = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    double t = Calibration.threshold(h, 0.2);
    assertEquals(1, t);
    assertEquals(0, Roc.flagged(h, t), "quantised scores equal to the threshold are not flagged");
  }

  @Test
  void threshold_ignoresNaN() {
    assertEquals(9, Calibration.threshold(new double[] {5, 1, 4, 2, 3, 9, 8, 7, 6, 10, Double.NaN}, 0.2));
  }

  /**
   * Calibrated on n = 1000 exchangeable human scores at α = 5%, the false-positive rate on 20,000 new human
   * scores is (m+1)/(n+1) = 50/1001 in expectation. Given the calibration sample it varies as Beta(m+1, n−m)
   * (sd 0.0069) plus the binomial error of the test sample (sd 0.0015); averaged over 20 independent
   * calibrations the sd of the mean is 0.0016, and the mean must lie within 4 of them of 50/1001.
   */
  @Test
  void calibratedThreshold_achievesTargetFprOnHeldOutHumanText() {
    UniformRandomProvider rng = RandomStreams.of(11);
    ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
    int n = 1000;
    double alpha = 0.05;
    int reps = 20;
    double sum = 0;
    for (int r = 0; r < reps; r++) {
      double[] cal = new double[n];
      for (int i = 0; i < n; i++) {
        cal[i] = g.sample();
      }
      double t = Calibration.threshold(cal, alpha);
      double[] test = new double[20_000];
      for (int i = 0; i < test.length; i++) {
        test[i] = g.sample();
      }
      double fpr = Roc.flagged(test, t);
      assertTrue(fpr < alpha + 4 * Math.sqrt(alpha * (1 - alpha) / n), "one calibration: " + fpr);
      sum += fpr;
    }
    double expected = (Math.floor(alpha * (n + 1)) - 1 + 1) / (n + 1);
    double sdMean = Math.sqrt((0.0069 * 0.0069 + 0.0015 * 0.0015) / reps);
    assertEquals(expected, sum / reps, 4 * sdMean);
  }

  @Test
  void pValue_isConformal() {
    double[] sorted = {1, 2, 3, 4};
    assertEquals(1.0 / 5, Calibration.pValue(sorted, 10));
    assertEquals(2.0 / 5, Calibration.pValue(sorted, 4), "a tie counts as a human score at least as high");
    assertEquals(1.0, Calibration.pValue(sorted, 0));
  }
}
