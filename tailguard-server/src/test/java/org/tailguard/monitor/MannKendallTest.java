package org.tailguard.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class MannKendallTest {
  /**
   * x = 1, 3, 2, 5, 4 by hand: 8 concordant and 2 discordant pairs ((3,2), (5,4)), so S = 6. With no ties the
   * exact P(S' ≥ 6) = P(D ≤ 2 inversions) = (M(5,0) + M(5,1) + M(5,2))/5! = (1 + 4 + 9)/120.
   */
  @Test
  void exact_handComputedCase() {
    MannKendall.Result r = MannKendall.test(new double[] {1, 3, 2, 5, 4});
    assertEquals(6, r.s());
    assertEquals(MannKendall.Method.EXACT, r.method());
    assertEquals(14.0 / 120, r.pIncreasing(), 1e-12);
    // P(S' ≤ 6) = 1 − P(S' ≥ 8) = 1 − P(D ≤ 1) = 1 − 5/120
    assertEquals(115.0 / 120, r.pDecreasing(), 1e-12);
    assertEquals(5.0 * 4 * 15 / 18, r.variance(), 1e-12);
    assertEquals(5 / Math.sqrt(5.0 * 4 * 15 / 18), r.z(), 1e-12);
  }

  @Test
  void exact_monotoneDecrease_smallestPValue() {
    MannKendall.Result r = MannKendall.test(new double[] {5, 4, 3, 2, 1});
    assertEquals(-10, r.s());
    assertEquals(1.0 / 120, r.pDecreasing(), 1e-12);
    assertEquals(1.0, r.pIncreasing(), 1e-12);
  }

  /**
   * x = 1, 2, 2, 3 by hand: pairs (1,2) (1,2) (1,3) (2,3) (2,3) are concordant, (2,2) tied: S = 5. One tie
   * group of t = 2: Var S = [4·3·13 − 2·1·9]/18 = 138/18; Z = (5 − 1)/√Var S; p = 1 − Φ(Z).
   */
  @Test
  void normal_tieCorrected_handComputedCase() {
    MannKendall.Result r = MannKendall.test(new double[] {1, 2, 2, 3});
    assertEquals(5, r.s());
    assertEquals(MannKendall.Method.NORMAL_TIE_CORRECTED, r.method());
    double var = 138.0 / 18;
    assertEquals(var, r.variance(), 1e-12);
    double z = 4 / Math.sqrt(var);
    assertEquals(z, r.z(), 1e-12);
    assertEquals(NormalDistribution.of(0, 1).survivalProbability(z), r.pIncreasing(), 1e-12);
    assertEquals(NormalDistribution.of(0, 1).cumulativeProbability(6 / Math.sqrt(var)), r.pDecreasing(), 1e-12);
  }

  @Test
  void inversionDistribution_mahonianNumbers() {
    // M(4, k) = 1, 3, 5, 6, 5, 3, 1 (OEIS A008302), over 4! = 24.
    double[] p = MannKendall.inversionDistribution(4);
    int[] m = {1, 3, 5, 6, 5, 3, 1};
    assertEquals(m.length, p.length);
    for (int k = 0; k < m.length; k++) {
      assertEquals(m[k] / 24.0, p[k], 1e-15);
    }
  }

  /** The exact p-value equals the share of all n! orderings whose S is at least as large (n ≤ 6, no ties). */
  @Test
  void exact_matchesEnumerationOfPermutations() {
    qt().withFixedSeed(11).withExamples(60)
        .forAll(lists().of(integers().between(0, 1000)).ofSizeBetween(3, 6))
        .assuming(xs -> xs.stream().distinct().count() == xs.size())
        .check(xs -> {
          double[] x = xs.stream().mapToDouble(Integer::doubleValue).toArray();
          MannKendall.Result r = MannKendall.test(x);
          long s = r.s();
          List<double[]> perms = new ArrayList<>();
          permute(x.clone(), 0, perms);
          long atLeast = perms.stream().filter(p -> sOf(p) >= s).count();
          long atMost = perms.stream().filter(p -> sOf(p) <= s).count();
          return Math.abs(r.pIncreasing() - (double) atLeast / perms.size()) < 1e-12
              && Math.abs(r.pDecreasing() - (double) atMost / perms.size()) < 1e-12;
        });
  }

  @Test
  void test_nanDropped_tooShortRefused() {
    assertEquals(3, MannKendall.test(new double[] {1, Double.NaN, 2, 3}).n());
    assertThrows(IllegalArgumentException.class, () -> MannKendall.test(new double[] {1, Double.NaN, 2}));
  }

  private static long sOf(double[] x) {
    long s = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = i + 1; j < x.length; j++) {
        s += Double.compare(x[j], x[i]);
      }
    }
    return s;
  }

  private static void permute(double[] a, int k, List<double[]> out) {
    if (k == a.length) {
      out.add(a.clone());
      return;
    }
    for (int i = k; i < a.length; i++) {
      double t = a[k];
      a[k] = a[i];
      a[i] = t;
      permute(a, k + 1, out);
      a[i] = a[k];
      a[k] = t;
    }
  }
}
