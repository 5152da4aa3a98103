package org.tailguard.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearDuplicatesTest {
  static String[] w(String s) {
    return s.split(" ");
  }

  @Test
  void jaccard_handComputed() {
    // trigrams of "a b c d e": abc bcd cde; of "a b c d f": abc bcd cdf → 2 shared of 4 → 0.5
    long[] x = NearDuplicates.shingles(w("a b c d e"));
    long[] y = NearDuplicates.shingles(w("a b c d f"));
    assertEquals(0.5, NearDuplicates.jaccard(x, y), 1e-12, "equal sizes: computed");
    assertEquals(0.0, NearDuplicates.jaccard(x, NearDuplicates.shingles(w("a b c"))), 1e-12, "sizes 3 and 1 rule out 0.8");
    assertEquals(2.0 / 4, jaccardExact(x, y), 1e-12);
    assertEquals(1.0, NearDuplicates.jaccard(x, x), 1e-12);
  }

  /** The rate: one exact and one near duplicate (one word changed at the end of 20 words: J = 17/19) of 4. */
  @Test
  void rate_countsExactAndNearDuplicates() {
    String base = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        + "seventeen eighteen nineteen twenty";
    String near = base.replace("twenty", "zebra");
    double j = jaccardExact(NearDuplicates.shingles(w(base)), NearDuplicates.shingles(w(near)));
    assertEquals(17.0 / 19, j, 1e-12);
    assertEquals(2.0 / 4, NearDuplicates.rate(List.of(w(base), w("a different response of words"), w(base), w(near))), 1e-12);
    assertEquals(0.0, NearDuplicates.rate(List.of(w("alpha beta gamma delta"), w("epsilon zeta eta theta"))), 1e-12);
    assertTrue(Double.isNaN(NearDuplicates.rate(List.of())));
  }

  @Test
  void shortResponses_matchOnlyExactly() {
    assertEquals(0.5, NearDuplicates.rate(List.of(w("yes no"), w("yes no"))), 1e-12);
    assertEquals(0.0, NearDuplicates.rate(List.of(w("yes no"), w("no yes"))), 1e-12);
  }

  private static double jaccardExact(long[] a, long[] b) {
    java.util.Set<Long> sa = new java.util.HashSet<>();
    for (long x : a) {
      sa.add(x);
    }
    long common = java.util.Arrays.stream(b).filter(sa::contains).count();
    return (double) common / (a.length + b.length - common);
  }
}
