package org.tailguard.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;

class DiscreteDistancesTest {
  private static final double EPS = 1e-12;

  @Test
  void totalVariation_inUnitIntervalAndSymmetric() {
    qt().withFixedSeed(11L).withExamples(500).forAll(Distributions.pairs()).check(pq -> {
      double tv = DiscreteDistances.totalVariation(pq[0], pq[1]);
      return tv >= 0 && tv <= 1 && Math.abs(tv - DiscreteDistances.totalVariation(pq[1], pq[0])) < EPS;
    });
  }

  @Test
  void totalVariation_zeroOnlyForEqual() {
    qt().withFixedSeed(12L).withExamples(500).forAll(Distributions.pairs()).check(pq ->
        DiscreteDistances.totalVariation(pq[0], pq[0]) == 0
            && (java.util.Arrays.equals(pq[0], pq[1]) || DiscreteDistances.totalVariation(pq[0], pq[1]) > 0));
  }

  @Test
  void totalVariation_triangleInequality() {
    qt().withFixedSeed(13L).withExamples(500).forAll(Distributions.triples()).check(t ->
        DiscreteDistances.totalVariation(t[0], t[2])
            <= DiscreteDistances.totalVariation(t[0], t[1]) + DiscreteDistances.totalVariation(t[1], t[2]) + EPS);
  }

  @Test
  void totalVariation_sparseMatchesDense() {
    qt().withFixedSeed(14L).withExamples(500).forAll(Distributions.pairs()).check(pq ->
        Math.abs(DiscreteDistances.totalVariation(pq[0], pq[1])
            - DiscreteDistances.totalVariation(pq[0], Distributions.support(pq[1]), Distributions.positive(pq[1])))
            < EPS);
  }

  @Test
  void totalVariation_disjointSupportsIsOne() {
    assertEquals(1.0, DiscreteDistances.totalVariation(new double[] {0.5, 0.5, 0, 0}, new double[] {0, 0, 0.3, 0.7}));
  }

  @Test
  void kl_nonNegativeAndZeroOnSelf() {
    qt().withFixedSeed(21L).withExamples(500).forAll(Distributions.pairs()).check(pq -> {
      for (ZeroMassPolicy policy : ZeroMassPolicy.values()) {
        if (!(DiscreteDistances.kl(pq[0], pq[1], policy) >= 0) || DiscreteDistances.kl(pq[0], pq[0], policy) != 0) {
          return false;
        }
      }
      return true;
    });
  }

  /** Pinsker's inequality KL ≥ 2 TV² (Cover and Thomas, Lemma 11.6.1): KL is 0 only for equal distributions. */
  @Test
  void kl_pinskerBoundsItAwayFromZero() {
    qt().withFixedSeed(22L).withExamples(500).forAll(Distributions.pairs()).check(pq -> {
      double tv = DiscreteDistances.totalVariation(pq[0], pq[1]);
      return DiscreteDistances.kl(pq[0], pq[1], ZeroMassPolicy.INFINITE) >= 2 * tv * tv - EPS;
    });
  }

  @Test
  void kl_infiniteExactlyWhenModelMissesTrueMass() {
    qt().withFixedSeed(23L).withExamples(500).forAll(Distributions.pairs()).check(pq -> {
      boolean misses = false;
      for (int i = 0; i < pq[0].length; i++) {
        misses |= pq[0][i] > 0 && pq[1][i] == 0;
      }
      double kl = DiscreteDistances.kl(pq[0], pq[1], ZeroMassPolicy.INFINITE);
      return misses == (kl == Double.POSITIVE_INFINITY);
    });
  }

  @Test
  void kl_policiesAgreeWhenNothingIsMissed() {
    qt().withFixedSeed(24L).withExamples(500).forAll(Distributions.pairs()).check(pq -> {
      double inf = DiscreteDistances.kl(pq[0], pq[1], ZeroMassPolicy.INFINITE);
      double surv = DiscreteDistances.kl(pq[0], pq[1], ZeroMassPolicy.SURVIVING_SUPPORT);
      return inf == Double.POSITIVE_INFINITY ? surv < inf : surv == inf;
    });
  }

  /** On the surviving support, KL(p‖q) is the KL of p restricted to q's support and renormalised. */
  @Test
  void kl_survivingSupportIsKlOfRenormalisedTruth() {
    double[] p = {0.5, 0.3, 0.2};
    double[] q = {0.6, 0.4, 0};
    double expected = 0.625 * Math.log(0.625 / 0.6) + 0.375 * Math.log(0.375 / 0.4);
    assertEquals(expected, DiscreteDistances.kl(p, q), 1e-15);
    assertEquals(expected, DiscreteDistances.kl(p, q, ZeroMassPolicy.SURVIVING_SUPPORT), 1e-15);
    assertEquals(Double.POSITIVE_INFINITY, DiscreteDistances.kl(p, q, ZeroMassPolicy.INFINITE));
    assertEquals(Double.POSITIVE_INFINITY, DiscreteDistances.kl(new double[] {1, 0}, new double[] {0, 1}));
  }

  @Test
  void kl_sparseMatchesDense() {
    qt().withFixedSeed(25L).withExamples(500).forAll(Distributions.pairs()).check(pq -> {
      int[] s = Distributions.support(pq[1]);
      double[] q = Distributions.positive(pq[1]);
      for (ZeroMassPolicy policy : ZeroMassPolicy.values()) {
        double dense = DiscreteDistances.kl(pq[0], pq[1], policy);
        double sparse = DiscreteDistances.kl(pq[0], s, q, policy);
        if (!(dense == sparse || Math.abs(dense - sparse) < 1e-12)) {
          return false;
        }
      }
      return true;
    });
  }

  @Test
  void distances_rejectMismatchedLengths() {
    assertThrows(IllegalArgumentException.class, () -> DiscreteDistances.totalVariation(new double[2], new double[3]));
    assertThrows(IllegalArgumentException.class, () -> DiscreteDistances.kl(new double[2], new double[3]));
    assertThrows(IllegalArgumentException.class,
        () -> DiscreteDistances.kl(new double[2], new int[] {0}, new double[2], ZeroMassPolicy.DEFAULT));
  }

  @Test
  void zeroMassPolicy_parsesSpecNames() {
    assertEquals(ZeroMassPolicy.SURVIVING_SUPPORT, ZeroMassPolicy.DEFAULT);
    for (ZeroMassPolicy p : ZeroMassPolicy.values()) {
      assertEquals(p, ZeroMassPolicy.of(p.id()));
    }
    assertThrows(IllegalArgumentException.class, () -> ZeroMassPolicy.of("INFINITE"));
  }
}
