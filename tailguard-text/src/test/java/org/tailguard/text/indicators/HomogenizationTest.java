package org.tailguard.text.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import org.tailguard.random.RandomStreams;
import org.tailguard.text.token.Sentences;

class HomogenizationTest {
  private static final double EPS = 1e-15;

  /*
   * "the cat sat on the mat" and "the cat lay on a mat": LCS "the cat on mat" = 4, F = 2·4/(6 + 6) = 2/3.
   * "a b c d e" and "e d c b a": LCS 1 (any single word), F = 2/10.
   */
  @Test
  void rougeL_isTwiceTheLcsOverBothLengths() {
    Sentences s = Texts.of("the cat sat on the mat", "the cat lay on a mat", "a b c d e", "e d c b a");
    int[][] t = s.sentences();
    assertEquals(4, Lcs.length(t[0], t[1]));
    assertEquals(2.0 / 3, Homogenization.rougeL(t[0], t[1]), EPS);
    assertEquals(0.2, Homogenization.rougeL(t[2], t[3]), EPS);
    assertEquals(1.0, Homogenization.rougeL(new int[0], new int[0]), 0, "identical empty texts score 1");
    assertEquals(0.0, Homogenization.rougeL(t[0], new int[0]), 0);
  }

  /* d0 = "a b c", d1 = "a b d", d2 = "x": F(0,1) = 2·2/6, F(0,2) = F(1,2) = 0; mean over 6 ordered pairs = 2/9. */
  @Test
  void exact_averagesOrderedPairs() {
    Documents d = Documents.perSentence(Texts.of("a b c", "a b d", "x"));
    assertEquals(2.0 / 9, Homogenization.exact(d), EPS);
    assertEquals(1.0, Homogenization.exact(Documents.perSentence(Texts.of("a b", "a b", "a b"))), 0);
    // documents of several sentences are compared as their concatenations: "a b" + "c" vs "a b c"
    assertEquals(1.0, Homogenization.exact(Documents.ofSizes(Texts.of("a b", "c", "a b c"), 2, 1)), 0);
  }

  /** The bit-parallel LCS equals the dynamic-programming table, across 64-bit word boundaries. */
  @Test
  void lcs_equalsTheDynamicProgrammingTable() {
    qt().withFixedSeed(301L).withExamples(150).forAll(longs().between(0, 1 << 20), integers().between(0, 300),
        integers().between(0, 300)).check((seed, la, lb) -> {
          int[] a = Texts.random(seed, 1, la, la, 3 + (int) (seed % 40)).sentences()[0];
          int[] b = Texts.random(seed + 1, 1, lb, lb, 3 + (int) (seed % 40)).sentences()[0];
          int expected = table(a, b);
          return Lcs.length(a, b) == expected && Lcs.length(b, a) == expected;
        });
  }

  @Test
  void lcs_handlesLengthsAtMachineWordEdges() {
    for (int la : new int[] {1, 63, 64, 65, 127, 128, 129}) {
      for (int lb : new int[] {1, 64, 65, 200}) {
        int[] a = Texts.random(la, 1, la, la, 5).sentences()[0];
        int[] b = Texts.random(lb + 1000, 1, lb, lb, 5).sentences()[0];
        assertEquals(table(a, b), Lcs.length(a, b), la + " x " + lb);
        assertEquals(table(a, b), Lcs.length(b, a), lb + " x " + la);
      }
    }
    int[] same = Texts.random(9, 1, 64, 64, 3).sentences()[0];
    assertEquals(64, Lcs.length(same, same));
  }

  @Test
  void lcs_reusesOneLoadedSequence() {
    int[][] s = Texts.random(17, 30, 0, 150, 12).sentences();
    Lcs lcs = new Lcs(20);
    for (int[] a : s) {
      lcs.load(a);
      for (int[] b : s) {
        assertEquals(table(a, b), lcs.against(b));
      }
    }
  }

  @Test
  void exact_isBoundedAndIndependentOfDocumentOrder() {
    qt().withFixedSeed(302L).withExamples(30).forAll(longs().between(0, 1 << 20)).check(seed -> {
      Sentences s = Texts.random(seed, 20, 0, 15, 12);
      double a = Homogenization.exact(Documents.perSentence(s));
      double b = Homogenization.exact(Documents.perSentence(Texts.shuffled(s, seed + 3)));
      return a >= 0 && a <= 1 && Math.abs(a - b) < 1e-14;
    });
  }

  @Test
  void sampled_isDeterministicAndNearTheExactValue() {
    Documents d = Documents.perSentence(Texts.random(23, 80, 2, 25, 40));
    Estimate a = Homogenization.sampled(d, 4000, RandomStreams.of(3));
    assertEquals(a, Homogenization.sampled(d, 4000, RandomStreams.of(3)));
    double exact = Homogenization.exact(d);
    assertTrue(Math.abs(a.mean() - exact) <= 4 * a.standardError(),
        "estimate " + a.mean() + " ± " + a.standardError() + " vs exact " + exact);
    assertEquals(80L * 79, a.population());
  }

  @Test
  void tooFewDocuments_areRejected() {
    assertThrows(IllegalArgumentException.class, () -> Homogenization.exact(Documents.perSentence(Texts.of("a"))));
    assertThrows(IllegalArgumentException.class,
        () -> Homogenization.sampled(Documents.perSentence(Texts.of("a", "b")), 1, RandomStreams.of(1)));
  }

  private static int table(int[] a, int[] b) {
    int[][] t = new int[a.length + 1][b.length + 1];
    for (int i = 1; i <= a.length; i++) {
      for (int j = 1; j <= b.length; j++) {
        t[i][j] = a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
      }
    }
    return t[a.length][b.length];
  }
}
