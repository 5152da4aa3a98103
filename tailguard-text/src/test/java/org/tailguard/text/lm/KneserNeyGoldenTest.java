package org.tailguard.text.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tailguard.spec.SpecException;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/**
 * Modified Kneser–Ney probabilities derived by hand (Chen and Goodman 1998, eq. 25–26) on a three-sentence
 * corpus, asserted to 1e-12.
 *
 * <p>Corpus: "a b", "a b c", "b c". Vocabulary.build orders by count (b 3, a 2, c 2), so the ids are
 * {@code <unk>} 0, {@code <s>} 1, {@code </s>} 2, b 3, a 4, c 5; the predicted vocabulary (all but
 * {@code <s>}) has 5 words. Padded: "&lt;s&gt; a b &lt;/s&gt;", "&lt;s&gt; a b c &lt;/s&gt;",
 * "&lt;s&gt; b c &lt;/s&gt;".
 *
 * <p>Unigram level (any order ≥ 2): continuation counts N1+(•w) = a 1 ({&lt;s&gt;}), b 2 ({a, &lt;s&gt;}),
 * c 1 ({b}), &lt;/s&gt; 2 ({b, c}), &lt;unk&gt; 0; Σ = 6. Count-of-counts n1 = 2, n2 = 2, n3 = n4 = 0: the
 * estimate is undefined, so D = (0.5, 1, 1.5), the fallback. γ(ε) = (0.5·2 + 1·2)/6 = 1/2, uniform share
 * (1/2)/5 = 1/10. p1(a) = 0.5/6 + 1/10 = 11/60, p1(b) = 1/6 + 1/10 = 16/60, p1(c) = 11/60,
 * p1(&lt;/s&gt;) = 16/60, p1(&lt;unk&gt;) = 6/60; they sum to 1.
 */
class KneserNeyGoldenTest {
  private static final double EPS = 1e-12;
  private static final Sentences CORPUS = TestTexts.sentences("a b\na b c\nb c");
  private static final Vocabulary V = CORPUS.vocabulary();
  private static final int UNK = Vocabulary.UNK;
  private static final int BOS = Vocabulary.BOS;
  private static final int EOS = Vocabulary.EOS;
  private static final int A = V.id("a");
  private static final int B = V.id("b");
  private static final int C = V.id("c");

  @Test
  void vocabulary_isOrderedByCount() {
    assertEquals(List.of(3, 4, 5), List.of(B, A, C));
  }

  @Test
  void unigramLevel_matchesHandDerivation() {
    NgramLm lm = KneserNey.train(CORPUS, 2);
    int[] none = {};
    assertEquals(11.0 / 60, lm.prob(none, A), EPS);
    assertEquals(16.0 / 60, lm.prob(none, B), EPS);
    assertEquals(11.0 / 60, lm.prob(none, C), EPS);
    assertEquals(16.0 / 60, lm.prob(none, EOS), EPS);
    assertEquals(6.0 / 60, lm.prob(none, UNK), EPS);
    assertEquals(0, lm.prob(none, BOS));
    Discounts d1 = lm.discounts().get(0);
    assertTrue(d1.fallback());
    assertEquals(List.of(2L, 2L, 0L, 0L), List.of(d1.n1(), d1.n2(), d1.n3(), d1.n4()));
  }

  /**
   * Bigram model: the top level uses raw counts <s> a 2, <s> b 1, a b 2, b </s> 1, b c 2, c </s> 2
   * (n1 = 2, n2 = 4, n3 = 0: fallback discounts again).
   * <ul>
   *   <li>h = &lt;s&gt;: successors a 2, b 1; Σ 3; γ = (1·1 + 0.5·1)/3 = 1/2;
   *       p(a|&lt;s&gt;) = (2−1)/3 + ½·11/60 = 51/120; p(b|&lt;s&gt;) = 0.5/3 + ½·16/60 = 18/60;
   *       p(c|&lt;s&gt;) = ½·11/60 = 11/120; p(&lt;unk&gt;|&lt;s&gt;) = ½·6/60 = 1/20.</li>
   *   <li>h = a: b 2; γ = 1/2; p(b|a) = 1/2 + ½·16/60 = 38/60.</li>
   *   <li>h = b: &lt;/s&gt; 1, c 2; γ = 1/2; p(c|b) = 1/3 + ½·11/60 = 51/120; p(&lt;/s&gt;|b) = 18/60.</li>
   *   <li>h = c: &lt;/s&gt; 2; γ = 1/2; p(&lt;/s&gt;|c) = 38/60.</li>
   * </ul>
   */
  @Test
  void bigramModel_matchesHandDerivation() {
    NgramLm lm = KneserNey.train(CORPUS, 2);
    assertEquals(51.0 / 120, lm.prob(new int[] {BOS}, A), EPS);
    assertEquals(18.0 / 60, lm.prob(new int[] {BOS}, B), EPS);
    assertEquals(11.0 / 120, lm.prob(new int[] {BOS}, C), EPS);
    assertEquals(1.0 / 20, lm.prob(new int[] {BOS}, UNK), EPS);
    assertEquals(38.0 / 60, lm.prob(new int[] {A}, B), EPS);
    assertEquals(51.0 / 120, lm.prob(new int[] {B}, C), EPS);
    assertEquals(18.0 / 60, lm.prob(new int[] {B}, EOS), EPS);
    assertEquals(38.0 / 60, lm.prob(new int[] {C}, EOS), EPS);
    // unseen bigram: γ(a) · p1(c)
    assertEquals(0.5 * 11 / 60, lm.prob(new int[] {A}, C), EPS);
    // "a b c": p(a|<s>) p(b|a) p(c|b) p(</s>|c)
    double expected = Math.log(51.0 / 120 * 38.0 / 60 * 51.0 / 120 * 38.0 / 60);
    assertEquals(expected, lm.sentenceLogProb(new int[] {A, B, C}), EPS);
  }

  /**
   * Trigram model. Top level raw counts: &lt;s&gt; a b 2, a b &lt;/s&gt; 1, a b c 1, b c &lt;/s&gt; 2,
   * &lt;s&gt; b c 1. Bigram level adjusted counts: raw for &lt;s&gt; a 2, &lt;s&gt; b 1 (no left
   * extension); continuation counts a b 1 ({&lt;s&gt;}), b &lt;/s&gt; 1 ({a}), b c 2 ({a, &lt;s&gt;}),
   * c &lt;/s&gt; 1 ({b}). Unigrams as above.
   * <ul>
   *   <li>Bigram level: p2(b|a) = (1−0.5)/1 + ½·16/60 = 38/60 (γ(a) = 0.5/1);
   *       p2(c|b) = (2−1)/3 + ½·11/60 = 51/120 and p2(&lt;/s&gt;|b) = 0.5/3 + ½·16/60 = 18/60 (γ(b) = 1.5/3);
   *       p2(&lt;/s&gt;|c) = 0.5/1 + ½·16/60 = 38/60; p2(a|&lt;s&gt;) = 51/120.</li>
   *   <li>h = &lt;s&gt; a: b 2; γ = 1/2; p(b|&lt;s&gt; a) = 1/2 + ½·38/60 = 49/60.</li>
   *   <li>h = a b: &lt;/s&gt; 1, c 1; γ = (0.5+0.5)/2 = 1/2; p(c|a b) = 0.5/2 + ½·51/120 = 111/240;
   *       p(&lt;/s&gt;|a b) = 0.25 + ½·18/60 = 2/5; unseen p(a|a b) = ½ · γ(b) · p1(a) = 11/240.</li>
   *   <li>h = b c: &lt;/s&gt; 2; p(&lt;/s&gt;|b c) = 1/2 + ½·38/60 = 49/60.</li>
   *   <li>h = &lt;s&gt; b: c 1; γ = 1/2; p(c|&lt;s&gt; b) = 1/2 + ½·51/120 = 171/240.</li>
   * </ul>
   */
  @Test
  void trigramModel_matchesHandDerivation() {
    NgramLm lm = KneserNey.train(CORPUS, 3);
    assertEquals(49.0 / 60, lm.prob(new int[] {BOS, A}, B), EPS);
    assertEquals(111.0 / 240, lm.prob(new int[] {A, B}, C), EPS);
    assertEquals(2.0 / 5, lm.prob(new int[] {A, B}, EOS), EPS);
    assertEquals(11.0 / 240, lm.prob(new int[] {A, B}, A), EPS);
    assertEquals(49.0 / 60, lm.prob(new int[] {B, C}, EOS), EPS);
    assertEquals(171.0 / 240, lm.prob(new int[] {BOS, B}, C), EPS);
    assertEquals(38.0 / 60, lm.prob(new int[] {A}, B), EPS); // a bigram context in a trigram model
    // <unk> after "<s> a": γ(<s> a) · γ(a) · 1/10
    assertEquals(0.5 * 0.5 * 0.1, lm.prob(new int[] {BOS, A}, UNK), EPS);
    double expected = Math.log(51.0 / 120 * 49.0 / 60 * 111.0 / 240 * 49.0 / 60);
    assertEquals(expected, lm.sentenceLogProb(new int[] {A, B, C}), EPS);
    assertEquals(2, lm.discounts().get(2).n2());
  }

  /**
   * Order 1: raw counts a 2, b 3, c 2, &lt;/s&gt; 3 (Σ 10; n2 = 2, n3 = 2, n1 = 0: fallback);
   * γ = (1·2 + 1.5·2)/10 = 1/2; p(a) = 1/10 + 1/10, p(b) = 1.5/10 + 1/10, p(&lt;unk&gt;) = 1/10.
   */
  @Test
  void unigramModel_matchesHandDerivation() {
    NgramLm lm = KneserNey.train(CORPUS, 1);
    assertEquals(0.2, lm.prob(new int[] {A, B}, A), EPS);
    assertEquals(0.25, lm.prob(new int[0], B), EPS);
    assertEquals(0.25, lm.prob(new int[0], EOS), EPS);
    assertEquals(0.1, lm.prob(new int[0], UNK), EPS);
    assertEquals(Math.log(0.2 * 0.25 * 0.2 * 0.25), lm.sentenceLogProb(new int[] {A, B, C}), EPS);
  }

  /** n1 = 100, n2 = 40, n3 = 20, n4 = 10: Y = 5/9, D1 = 1 − 2·(5/9)·0.4 = 5/9, D2 = 2 − 3·(5/9)·0.5 = 7/6, D3+ = 3 − 4·(5/9)·0.5 = 17/9. */
  @Test
  void discounts_followChenGoodman() {
    Discounts d = Discounts.estimate(3, 100, 40, 20, 10);
    assertFalse(d.fallback());
    assertEquals(5.0 / 9, d.d1(), EPS);
    assertEquals(7.0 / 6, d.d2(), EPS);
    assertEquals(17.0 / 9, d.d3plus(), EPS);
    assertEquals(17.0 / 9, d.of(7), EPS);
  }

  @Test
  void discounts_fallBackWhenUndefinedOrOutOfRange() {
    assertTrue(Discounts.estimate(2, 0, 5, 3, 1).fallback());
    assertTrue(Discounts.estimate(2, 5, 3, 0, 1).fallback());
    // n3 ≫ n2 makes D2 = 2 − 3Y·n3/n2 negative
    Discounts d = Discounts.estimate(2, 10, 100, 10000, 1);
    assertTrue(d.fallback());
    assertEquals(0.5, d.d1());
    assertEquals(1.5, d.d3plus());
  }

  /** A fully collapsed corpus: one sentence repeated; every count-of-count but one is zero. */
  @Test
  void collapsedCorpus_givesFiniteNormalisedModel() {
    Sentences same = TestTexts.sentences("the cat sat\n".repeat(50));
    for (int order = 1; order <= 5; order++) {
      NgramLm lm = KneserNey.train(same, order);
      for (Discounts d : lm.discounts()) {
        assertTrue(d.fallback(), "order " + order + ": " + d);
      }
      int[][] contexts = {{}, {Vocabulary.BOS}, {Vocabulary.BOS, 3}, {3, 4, 5}, {5, 5, 5, 5}};
      for (int[] ctx : contexts) {
        double[] p = lm.distribution(ctx);
        double sum = 0;
        for (double x : p) {
          assertTrue(Double.isFinite(x) && x >= 0);
          sum += x;
        }
        assertEquals(1, sum, 1e-12);
        assertTrue(p[Vocabulary.UNK] > 0, "<unk> keeps mass");
      }
      assertTrue(Double.isFinite(lm.perplexity(same).perplexity()));
    }
  }

  @Test
  void shortSentencesAndHighOrder_areFinite() {
    Sentences tiny = TestTexts.sentences("x");
    NgramLm lm = KneserNey.train(tiny, 5);
    assertEquals(0, lm.ngrams(5));
    assertTrue(Double.isFinite(lm.sentenceLogProb(new int[] {3, 3, 3, 3, 3})));
  }

  @Test
  void train_rejectsBadInput() {
    SpecException e = assertThrows(SpecException.class, () -> KneserNey.train(CORPUS, 6));
    assertEquals("order: must be in [1, 5], got 6", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> KneserNey.train(new Sentences(V, new int[][] {{A, BOS}}), 2));
    assertThrows(IllegalArgumentException.class, () -> KneserNey.train(new Sentences(V, new int[0][]), 2));
  }
}
