package org.tailguard.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;

class DiversityTest {
  private static final double EPS = 1e-12;

  @Test
  void giniSimpson_atMostOneMinusOneOverSupport() {
    qt().withFixedSeed(41L).withExamples(500).forAll(Distributions.any()).check(p -> {
      double gs = Diversity.giniSimpson(p);
      return gs >= 0 && gs <= 1 - 1.0 / TailMetrics.supportSize(p) + EPS;
    });
  }

  @Test
  void entropy_atMostLogSupport() {
    qt().withFixedSeed(42L).withExamples(500).forAll(Distributions.any()).check(p -> {
      double h = Diversity.entropy(p);
      return h >= 0 && h <= Math.log(TailMetrics.supportSize(p)) + EPS;
    });
  }

  /** Rényi entropies fall with their order: H₁ (Shannon) ≥ H₂ = −ln Σp² = −ln(1 − Gini-Simpson). */
  @Test
  void entropy_atLeastCollisionEntropy() {
    qt().withFixedSeed(43L).withExamples(500).forAll(Distributions.any()).check(p ->
        Diversity.entropy(p) >= -Math.log(1 - Diversity.giniSimpson(p)) - EPS);
  }

  @Test
  void diversity_ignoresZeroEntries() {
    qt().withFixedSeed(44L).withExamples(300).forAll(Distributions.any()).check(p ->
        Diversity.entropy(p) == Diversity.entropy(Distributions.positive(p))
            && Diversity.giniSimpson(p) == Diversity.giniSimpson(Distributions.positive(p)));
  }

  @Test
  void diversity_uniformAttainsBounds() {
    double[] u = {0.25, 0.25, 0.25, 0.25};
    assertEquals(0.75, Diversity.giniSimpson(u), EPS);
    assertEquals(Math.log(4), Diversity.entropy(u), EPS);
    assertEquals(0.0, Diversity.entropy(new double[] {0, 1, 0}));
    assertEquals(0.0, Diversity.giniSimpson(new double[] {0, 1, 0}));
  }
}
