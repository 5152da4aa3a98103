package org.tailguard.curate.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tailguard.spec.SpecException;

class LshParamsTest {

  @Test
  void catchProbability_isTheSCurve() {
    LshParams p = new LshParams(14, 9);
    for (double s : new double[] {0.1, 0.5, 0.7, 0.8, 0.95}) {
      assertEquals(1 - Math.pow(1 - Math.pow(s, 9), 14), p.catchProbability(s), 1e-12);
    }
    assertEquals(0, p.catchProbability(0));
    assertEquals(1, p.catchProbability(1));
    // datatrove's documented figure: 14 x 8 at s = 0.8 catches 92.4%.
    assertEquals(0.924, new LshParams(14, 8).catchProbability(0.8), 5e-4);
    assertEquals(Math.pow(1.0 / 14, 1.0 / 8), new LshParams(14, 8).effectiveThreshold(), 1e-12);
  }

  /** For b = r = 1, P(s) = s: FP area t²/2, FN area (1 − t)²/2. For b = 2, r = 1: P = 1 − (1 − s)². */
  @Test
  void areas_matchClosedForms() {
    double t = 0.3;
    LshParams one = new LshParams(1, 1);
    assertEquals(t * t / 2, one.falsePositiveArea(t), 1e-12);
    assertEquals((1 - t) * (1 - t) / 2, one.falseNegativeArea(t), 1e-12);
    LshParams twoBands = new LshParams(2, 1);
    assertEquals(t + (Math.pow(1 - t, 3) - 1) / 3, twoBands.falsePositiveArea(t), 1e-12);
    assertEquals(Math.pow(1 - t, 3) / 3, twoBands.falseNegativeArea(t), 1e-12);
    LshParams twoRows = new LshParams(1, 2);
    assertEquals(t * t * t / 3, twoRows.falsePositiveArea(t), 1e-12);
    assertEquals((1 - t) - (1 - t * t * t) / 3, twoRows.falseNegativeArea(t), 1e-12);
  }

  /**
   * With k = 2 the candidates are (1,1), (1,2) and (2,1). At t = 0.3 their weighted errors, from the closed
   * forms, are 0.145, 0.1923 and 0.0977, so (2, 1) wins.
   */
  @Test
  void optimal_handComputedSmallCase() {
    double t = 0.3;
    double e11 = 0.5 * (t * t / 2) + 0.5 * ((1 - t) * (1 - t) / 2);
    double e12 = 0.5 * (t * t * t / 3) + 0.5 * ((1 - t) - (1 - t * t * t) / 3);
    double e21 = 0.5 * (t + (Math.pow(1 - t, 3) - 1) / 3) + 0.5 * (Math.pow(1 - t, 3) / 3);
    assertTrue(e21 < e11 && e21 < e12, "hand computation: (2,1) is the minimum");
    assertEquals(new LshParams(2, 1), LshParams.optimal(t, 2));
    assertEquals(new LshParams(1, 1), LshParams.optimal(0.3, 1));
    // Weighting false negatives only favours many short bands; false positives only, one long band.
    LshParams fnOnly = LshParams.optimal(0.5, 8, 0, 1);
    assertEquals(1, fnOnly.rows());
    LshParams fpOnly = LshParams.optimal(0.5, 8, 1, 0);
    assertEquals(1, fpOnly.bands());
  }

  /** The optimiser against an independent brute force with composite Simpson quadrature. */
  @Test
  void optimal_matchesBruteForceSimpson() {
    for (double t : new double[] {0.5, 0.7, 0.8}) {
      int k = 128;
      double best = Double.POSITIVE_INFINITY;
      LshParams arg = null;
      for (int b = 1; b <= k; b++) {
        for (int r = 1; r <= k / b; r++) {
          int bb = b;
          int rr = r;
          double fp = simpson(s -> 1 - Math.pow(1 - Math.pow(s, rr), bb), 0, t);
          double fn = simpson(s -> Math.pow(1 - Math.pow(s, rr), bb), t, 1);
          double err = 0.5 * fp + 0.5 * fn;
          if (err < best - 1e-12) {
            best = err;
            arg = new LshParams(b, r);
          }
        }
      }
      assertEquals(arg, LshParams.optimal(t, k), "t=" + t);
    }
  }

  private static double simpson(java.util.function.DoubleUnaryOperator f, double a, double b) {
    int n = 4000;
    double h = (b - a) / n;
    double sum = f.applyAsDouble(a) + f.applyAsDouble(b);
    for (int i = 1; i < n; i++) {
      sum += f.applyAsDouble(a + i * h) * (i % 2 == 1 ? 4 : 2);
    }
    return sum * h / 3;
  }

  @Test
  void sCurve_tableMarksThresholdAndIsMonotone() {
    SCurve c = SCurve.of(new LshParams(14, 9), 0.7, 20);
    String table = c.table();
    assertTrue(table.contains("<- target"), table);
    assertTrue(table.contains("b=14 bands x r=9 rows"), table);
    for (int i = 1; i < c.probability().length; i++) {
      assertTrue(c.probability()[i] >= c.probability()[i - 1]);
      assertEquals(new LshParams(14, 9).catchProbability(c.similarity()[i]), c.probability()[i], 0);
    }
  }

  @Test
  void badInput_namesTheField() {
    assertEquals("dedup.threshold",
        assertThrows(SpecException.class, () -> LshParams.optimal(1.0, 128)).field());
    assertEquals("dedup.bands", assertThrows(SpecException.class, () -> new LshParams(0, 3)).field());
    assertEquals("dedup.bands", assertThrows(SpecException.class,
        () -> NearDedupSpec.DEFAULT.withLsh(new LshParams(20, 9))).field());
    assertEquals("dedup.numPerm", assertThrows(SpecException.class,
        () -> NearDedupSpec.DEFAULT.withNumPerm(0)).field());
  }
}
