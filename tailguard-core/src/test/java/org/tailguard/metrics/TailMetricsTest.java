package org.tailguard.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TailMetricsTest {
  private static final double EPS = 1e-12;

  @Test
  void supportSize_countsPositiveEntries() {
    assertEquals(2, TailMetrics.supportSize(new double[] {0, 0.3, 0, 0.7}));
    assertEquals(3, TailMetrics.supportSize(new int[] {1, 0, 4, 2, 0}));
  }

  @Test
  void lostMass_sparseMatchesDense() {
    qt().withFixedSeed(31L).withExamples(500).forAll(Distributions.pairs()).check(pq ->
        Math.abs(TailMetrics.lostMass(pq[0], pq[1]) - TailMetrics.lostMass(pq[0], Distributions.support(pq[1]))) < EPS);
  }

  /** TV = Σ_{p>q} (p − q) ≥ Σ_{q=0} p: losing an outcome costs at least its true mass in TV. */
  @Test
  void lostMass_atMostTotalVariation() {
    qt().withFixedSeed(32L).withExamples(500).forAll(Distributions.pairs()).check(pq ->
        TailMetrics.lostMass(pq[0], pq[1]) <= DiscreteDistances.totalVariation(pq[0], pq[1]) + EPS);
  }

  @Test
  void lostMass_example() {
    double[] truth = {0.5, 0.25, 0.125, 0.125};
    assertEquals(0.375, TailMetrics.lostMass(truth, new double[] {0.9, 0, 0.1, 0}));
    assertEquals(0.375, TailMetrics.lostMass(truth, new int[] {0, 2}));
    assertEquals(0.0, TailMetrics.lostMass(truth, new int[] {3, 2, 1, 0}));
  }

  @Test
  void tailMassBeyondRank_matchesSortedReference() {
    qt().withFixedSeed(33L).withExamples(500).forAll(Distributions.any(), integers().between(0, 35)).check((p, k) -> {
      double[] sorted = p.clone();
      Arrays.sort(sorted);
      double expected = 0;
      for (int i = 0; i < sorted.length - k; i++) {
        expected += sorted[i];
      }
      return Math.abs(TailMetrics.tailMassBeyondRank(p, k) - expected) < EPS;
    });
  }

  @Test
  void tailMassBeyondRank_nonIncreasingInRankAndZeroBeyondSupport() {
    qt().withFixedSeed(34L).withExamples(300).forAll(Distributions.any()).check(p -> {
      double previous = TailMetrics.tailMassBeyondRank(p, 0);
      if (Math.abs(previous - Arrays.stream(p).sum()) > EPS) {
        return false;
      }
      for (int k = 1; k <= p.length; k++) {
        double t = TailMetrics.tailMassBeyondRank(p, k);
        if (t > previous + EPS) {
          return false;
        }
        previous = t;
      }
      return TailMetrics.tailMassBeyondRank(p, TailMetrics.supportSize(p)) == 0;
    });
  }

  @Test
  void tailMassBeyondRank_handlesTiesAndLeavesInputAlone() {
    double[] p = {0.2, 0.2, 0.2, 0.2, 0.2};
    assertEquals(0.4, TailMetrics.tailMassBeyondRank(p, 3), EPS);
    assertEquals(0.2, p[0]);
    double[] zipfLike = {0.4, 0.3, 0.2, 0.1};
    assertEquals(0.3, TailMetrics.tailMassBeyondRank(zipfLike, 2), EPS);
    assertThrows(IllegalArgumentException.class, () -> TailMetrics.tailMassBeyondRank(p, -1));
  }
}
