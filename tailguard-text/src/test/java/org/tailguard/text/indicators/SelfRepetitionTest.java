package org.tailguard.text.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import org.tailguard.text.token.Sentences;

class SelfRepetitionTest {
  private static final double EPS = 1e-15;

  /*
   * D0 = "a b c d e" (4-grams abcd, bcde), D1 = "a b c d" (abcd), D2 = "x y z w" (xyzw). Document
   * frequencies: abcd 2, bcde 1, xyzw 1. D0: ln(1 + 1 + 0), D1: ln(1 + 1), D2: ln(1 + 0) = 0.
   * SRS = 2 ln 2 / 3.
   */
  @Test
  void score_matchesTheFormulaByHand() {
    Documents d = Documents.perSentence(Texts.of("a b c d e", "a b c d", "x y z w"));
    assertEquals(2 * Math.log(2) / 3, SelfRepetition.score(d), EPS);
  }

  /*
   * A 4-gram repeated inside one document counts once: D0 = "a b c d a b c d" (abcd, bcda, cdab, dabc),
   * D1 = "a b c d" → D0: ln(1 + 1), D1: ln(1 + 1). The two-sentence document D0 is read across its
   * sentence boundary, as the package reads a whole document.
   */
  @Test
  void score_countsEachNGramOncePerDocumentAndCrossesSentences() {
    Documents d = Documents.ofSizes(Texts.of("a b c", "d a b c d", "a b c d"), 2, 1);
    assertEquals(Math.log(2), SelfRepetition.score(d), EPS);
    Documents bigrams = Documents.perSentence(Texts.of("a b a b", "a b", "c"));
    // bigram (a b) in 2 documents, (b a) in 1: D0 ln(1 + 1 + 0), D1 ln(1 + 1), D2 0
    assertEquals(2 * Math.log(2) / 3, SelfRepetition.score(bigrams, 2), EPS);
  }

  @Test
  void score_isZeroWithoutSharedNGramsAndIgnoresDocumentOrder() {
    assertEquals(0.0, SelfRepetition.score(Documents.perSentence(Texts.of("a b c d", "e f g h"))), 0);
    qt().withFixedSeed(401L).withExamples(30).forAll(longs().between(0, 1 << 20)).check(seed -> {
      Sentences s = Texts.random(seed, 25, 0, 12, 4);
      double a = SelfRepetition.score(Documents.perSentence(s));
      double b = SelfRepetition.score(Documents.perSentence(Texts.shuffled(s, seed + 1)));
      // each document's term is at most ln(1 + (documents − 1) · its distinct 4-grams)
      return a >= 0 && a <= Math.log(1 + 24.0 * 9) && Math.abs(a - b) < 1e-12;
    });
    assertTrue(Double.isNaN(SelfRepetition.score(Documents.perSentence(Texts.of()))));
  }
}
