package org.tailguard.curate.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.tailguard.random.RandomStreams;

class MinHasherTest {

  /** Two sets with exactly {@code inter} shared and {@code onlyA}, {@code onlyB} private random elements. */
  private static long[][] pair(int inter, int onlyA, int onlyB, UniformRandomProvider rng) {
    long[] a = new long[inter + onlyA];
    long[] b = new long[inter + onlyB];
    for (int i = 0; i < inter; i++) {
      a[i] = b[i] = rng.nextLong();
    }
    for (int i = 0; i < onlyA; i++) {
      a[inter + i] = rng.nextLong();
    }
    for (int i = 0; i < onlyB; i++) {
      b[inter + i] = rng.nextLong();
    }
    return new long[][] {a, b};
  }

  /**
   * The MinHash estimate is unbiased: averaged over m independently seeded hashers, the share of equal
   * components lies within 4 standard errors √(J(1 − J)/(k·m)) of the exact Jaccard index J. (With 60
   * examples the chance of a false failure is about 60 × 6·10⁻⁵.)
   */
  @Test
  void estimate_isUnbiasedWithinFourStandardErrors() {
    int k = 128;
    int m = 40;
    qt().withFixedSeed(20261122L).withExamples(60)
        .forAll(integers().between(0, 300), integers().between(0, 150), integers().between(0, 150))
        .assuming((i, a, b) -> i + a + b > 0)
        .check((inter, onlyA, onlyB) -> {
          long[][] p = pair(inter, onlyA, onlyB, RandomStreams.of(inter * 7919L + onlyA * 31L + onlyB));
          double j = inter / (double) (inter + onlyA + onlyB);
          double sum = 0;
          for (int s = 0; s < m; s++) {
            MinHasher h = new MinHasher(k, RandomStreams.of(1_000_003L * s + inter));
            sum += MinHasher.estimate(h.signature(p[0], p[0].length), h.signature(p[1], p[1].length));
          }
          double se = Math.sqrt(j * (1 - j) / (k * (double) m));
          return Math.abs(sum / m - j) <= 4 * se + 1e-12;
        });
  }

  /**
   * The banding premise: r components of one signature all agree with probability J^r (components are
   * independent given the sets), checked over 300 hashers × 14 bands of 9 rows at J = 0.75.
   */
  @Test
  void bandAgreement_matchesJaccardPowerR() {
    long[][] p = pair(150, 25, 25, RandomStreams.of(5));
    double j = 0.75;
    int r = 9;
    int hits = 0;
    int trials = 0;
    for (int s = 0; s < 300; s++) {
      MinHasher h = new MinHasher(126, RandomStreams.of(77L + s));
      int[] x = h.signature(p[0], p[0].length);
      int[] y = h.signature(p[1], p[1].length);
      for (int b = 0; b + r <= 126; b += r, trials++) {
        boolean all = true;
        for (int c = b; c < b + r; c++) {
          all &= x[c] == y[c];
        }
        hits += all ? 1 : 0;
      }
    }
    double expected = Math.pow(j, r);
    double se = Math.sqrt(expected * (1 - expected) / trials);
    assertEquals(expected, hits / (double) trials, 4 * se);
  }

  @Test
  void signature_ignoresRepeatsAndOrder() {
    MinHasher h = new MinHasher(64, RandomStreams.of(1));
    assertArrayEquals(h.signature(new long[] {5, 9, 2}, 3), h.signature(new long[] {2, 2, 9, 5, 9}, 5));
  }

  @Test
  void signature_sameSeedSameFunctions() {
    long[] s = {1L, 2L, 3L, 1L << 40};
    assertArrayEquals(new MinHasher(32, RandomStreams.of(9)).signature(s, 4),
        new MinHasher(32, RandomStreams.of(9)).signature(s, 4));
  }

  @Test
  void signature_ofEmptySetIsNullAndMatchesNothing() {
    MinHasher h = new MinHasher(16, RandomStreams.of(1));
    assertNull(h.signature(new long[0], 0));
    assertEquals(0, MinHasher.estimate(null, h.signature(new long[] {1}, 1)));
    assertTrue(MinHasher.estimate(h.signature(new long[] {1}, 1), h.signature(new long[] {1}, 1)) == 1);
  }
}
