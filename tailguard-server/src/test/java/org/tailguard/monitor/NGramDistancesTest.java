package org.tailguard.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NGramDistancesTest {
  @Test
  void identical_allZero() {
    long[] c = {5, 3, 2};
    NGramDistances.Distances d = NGramDistances.of(c, new long[] {10, 6, 4});
    assertEquals(0, d.hellinger(), 1e-7);
    assertEquals(0, d.jensenShannon(), 1e-7);
    assertEquals(0, d.psi(), 1e-12);
  }

  @Test
  void disjoint_hellingerAndJsAreOne() {
    long[] c = {4, 0};
    long[] d = {0, 7};
    assertEquals(1, NGramDistances.hellinger(c, d), 1e-12);
    assertEquals(1, NGramDistances.jensenShannon(c, d), 1e-12);
    // PSI with Evidently's floor: (1e-4 − 1)·ln(1e-4/1) + (1 − 1e-4)·ln(1/1e-4)
    double f = 1e-4;
    assertEquals((f - 1) * Math.log(f) + (1 - f) * Math.log(1 / f), NGramDistances.psi(c, d), 1e-12);
  }

  /**
   * p = (1/2, 1/2), q = (1/4, 3/4) by hand: Bhattacharyya Σ√(pq) = √(1/8) + √(3/8); H = √(1 − that).
   * m = (3/8, 5/8); JSD = ½[½ log2(4/3) + ½ log2(4/5)] + ½[¼ log2(2/3) + ¾ log2(6/5)].
   * PSI = (1/4 − 1/2) ln(1/2) + (3/4 − 1/2) ln(3/2).
   */
  @Test
  void twoBins_handComputed() {
    long[] c = {2, 2};
    long[] d = {1, 3};
    assertEquals(Math.sqrt(1 - Math.sqrt(1.0 / 8) - Math.sqrt(3.0 / 8)), NGramDistances.hellinger(c, d), 1e-12);
    double log2 = Math.log(2);
    double jsd = 0.5 * (0.5 * Math.log(4.0 / 3) + 0.5 * Math.log(4.0 / 5)) / log2
        + 0.5 * (0.25 * Math.log(2.0 / 3) + 0.75 * Math.log(6.0 / 5)) / log2;
    assertEquals(Math.sqrt(jsd), NGramDistances.jensenShannon(c, d), 1e-12);
    assertEquals(-0.25 * Math.log(0.5) + 0.25 * Math.log(1.5), NGramDistances.psi(c, d), 1e-12);
  }

  @Test
  void binned_topBinsThenOther() {
    Map<String, Long> a = Map.of("x", 5L, "y", 3L, "z", 1L);
    Map<String, Long> b = Map.of("x", 1L, "w", 4L, "z", 1L);
    // pooled: x 6, w 4, y 3, z 2 → the top 2 bins are x, w; other holds y and z
    long[][] bins = NGramDistances.binned(a, b, 2);
    assertArrayEquals(new long[] {5, 0, 4}, bins[0]);
    assertArrayEquals(new long[] {1, 4, 1}, bins[1]);
  }
}
