package org.tailguard.text.indicators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tailguard.random.RandomStreams;
import org.tailguard.text.token.Sentences;

class SelfBleuTest {
  private static final double EPS = 1e-14;

  /*
   * BLEU-3 with method 1 by hand, S0 = "the the the", S1 = "the cat", S2 = "the the dog":
   *
   * S0 (c = 3) against S1, S2: "the" ×3, most in another sentence 2 (S2) → p1 = 2/3; "the the" ×2, most
   * elsewhere 1 → p2 = 1/2; "the the the" nowhere else → p3 = 0.1/1. Closest length among 2, 3 is 3 = c →
   * BP = exp(0) = 1. BLEU = (2/3 · 1/2 · 1/10)^(1/3) = (1/30)^(1/3).
   * S1 (c = 2): "the" matched (S0 holds 3) → 1, "cat" unmatched → p1 = 1/2; "the cat" nowhere → p2 = 0.1/1;
   * no trigram: NLTK's denominator max(1, 0) = 1 → p3 = 0.1/1. Closest length 3 > 2 → BP = exp(1 − 3/2).
   * BLEU = exp(−1/2) · (1/2 · 1/10 · 1/10)^(1/3) = exp(−1/2) · (1/200)^(1/3).
   * S2 (c = 3): "the" ×2, S0 holds 3 → 2, "dog" 0 → p1 = 2/3; "the the" in S0, "the dog" nowhere → p2 = 1/2;
   * p3 = 0.1. Closest length 3 → BP = 1. BLEU = (1/30)^(1/3).
   * S0's "the" is the corpus maximum (3), so its own reference maximum is the runner-up, S2's 2.
   */
  @Test
  void scores_matchBleuByHand() {
    Sentences s = Texts.of("the the the", "the cat", "the the dog");
    double[] expected = {Math.cbrt(1.0 / 30), Math.exp(-0.5) * Math.cbrt(1.0 / 200), Math.cbrt(1.0 / 30)};
    assertArrayEquals(expected, SelfBleu.scores(s, 3), EPS);
    assertEquals((expected[0] + expected[1] + expected[2]) / 3, SelfBleu.exact(s), EPS);
  }

  /*
   * "a b c d", "a b x", "y z". S0 (c = 4): p1 = 2/4, p2 = (a b) 1/3, p3 = 0.1/2; closest length 3 < 4 →
   * BP = 1: (1/2 · 1/3 · 1/20)^(1/3) = (1/120)^(1/3). S1 (c = 3): p1 = 2/3, p2 = 1/2, p3 = 0.1/1; lengths 4
   * and 2 are equally close, NLTK takes the shorter, 2 < 3 → BP = 1: (1/30)^(1/3) (taking 4 would give
   * BP = exp(−1/3)). S2 shares no word: 0.
   */
  @Test
  void brevityPenalty_takesTheShorterOfEquallyCloseLengths() {
    double[] v = SelfBleu.scores(Texts.of("a b c d", "a b x", "y z"), 3);
    assertArrayEquals(new double[] {Math.cbrt(1.0 / 120), Math.cbrt(1.0 / 30), 0}, v, EPS);
  }

  /* "a b" against "a b c d e" and "a b c d e f": p1 = p2 = 1, p3 = 0.1/1; BP = exp(1 − 5/2). */
  @Test
  void shortHypothesis_isPenalisedAndSmoothed() {
    double[] v = SelfBleu.scores(Texts.of("a b", "a b c d e", "a b c d e f"), 3);
    assertEquals(Math.exp(-1.5) * Math.cbrt(0.1), v[0], EPS);
  }

  @Test
  void identicalSentences_scoreOneAndEmptyOnesZero() {
    double[] v = SelfBleu.scores(Texts.of("a b c d", "a b c d", "", "e"), 3);
    assertEquals(1.0, v[0], 0);
    assertEquals(1.0, v[1], 0);
    assertEquals(0.0, v[2], 0);
    assertEquals(0.0, v[3], 0);
  }

  /** The top-2 shortcut gives bit for bit what a direct O(N²) port of NLTK's loop gives. */
  @Test
  void scores_equalTheDirectQuadraticDefinition() {
    qt().withFixedSeed(201L).withExamples(60).forAll(longs().between(0, 1 << 20), integers().between(1, 4))
        .check((seed, n) -> {
          Sentences s = Texts.random(seed, 2 + (int) (seed % 25), 0, 9, 6);
          return Arrays.equals(naive(s.sentences(), n), SelfBleu.scores(s, n));
        });
  }

  @Test
  void scores_stayInTheUnitIntervalAndPermuteWithTheSentences() {
    qt().withFixedSeed(202L).withExamples(40).forAll(longs().between(0, 1 << 20)).check(seed -> {
      Sentences s = Texts.random(seed, 30, 0, 12, 10);
      Sentences t = Texts.shuffled(s, seed + 7);
      double[] a = SelfBleu.scores(s, 3);
      double[] b = SelfBleu.scores(t, 3);
      boolean bounded = Arrays.stream(a).allMatch(x -> x >= 0 && x <= 1);
      double[] sa = a.clone();
      double[] sb = b.clone();
      Arrays.sort(sa);
      Arrays.sort(sb);
      return bounded && Arrays.equals(sa, sb) && Math.abs(SelfBleu.exact(s) - SelfBleu.exact(t)) < 1e-14;
    });
  }

  @Test
  void texygenFast_scoresTheFirst500SentencesAmongThemselves() {
    Sentences s = Texts.random(7, 700, 3, 15, 200);
    Sentences head = new Sentences(s.vocabulary(), Arrays.copyOf(s.sentences(), 500));
    assertEquals(SelfBleu.exact(head), SelfBleu.texygenFast(s), 0);
    Sentences small = Texts.random(8, 40, 3, 15, 50);
    assertEquals(SelfBleu.exact(small), SelfBleu.texygenFast(small), 0);
  }

  @Test
  void sampled_isDeterministicAndExactWhenItTakesEverySentence() {
    Sentences s = Texts.random(9, 400, 3, 20, 300);
    Estimate a = SelfBleu.sampled(s, 3, 100, RandomStreams.of(5));
    Estimate b = SelfBleu.sampled(s, 3, 100, RandomStreams.of(5));
    assertEquals(a, b);
    assertEquals(100, a.used());
    double exact = SelfBleu.exact(s);
    assertTrue(Math.abs(a.mean() - exact) <= 4 * a.standardError(),
        "estimate " + a.mean() + " ± " + a.standardError() + " vs exact " + exact);
    Estimate all = SelfBleu.sampled(s, 3, 1000, RandomStreams.of(5));
    assertTrue(all.exact());
    assertEquals(exact, all.mean(), 1e-14);
  }

  @Test
  void tooFewSentences_areRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SelfBleu.exact(Texts.of("a b")));
    assertEquals("sentences: Self-BLEU needs at least 2 sentences, got 1", e.getMessage());
  }

  /** Expected values are CPython 3.11's math.fsum of the same lists. */
  @Test
  void fsum_roundsTheExactSumOnceAsPython() {
    assertEquals(1e-16, SelfBleu.fsum(new double[] {1, 1e-16, -1}), 0);
    assertEquals(2.7755575615628914e-17, SelfBleu.fsum(new double[] {0.1, 0.2, -0.3, -0.1, 0.1}), 0);
    assertEquals(1.0000000000000002, SelfBleu.fsum(new double[] {1, 0x1p-53, 0x1p-53}), 0);
    // a tie at half an ulp broken by a lower partial: the half-even correction (naive summation gives 1.0)
    assertEquals(1.0000000000000002, SelfBleu.fsum(new double[] {1, 0x1p-53, 0x1p-106}), 0);
    assertEquals(0.0, SelfBleu.fsum(new double[0]), 0);
  }

  /* NLTK 3.8's sentence_bleu as a direct loop: every reference recounted for every hypothesis. */
  private static double[] naive(int[][] s, int maxN) {
    double[] out = new double[s.length];
    double weight = 1.0 / maxN;
    for (int h = 0; h < s.length; h++) {
      double[] terms = new double[maxN];
      boolean zero = false;
      for (int n = 1; n <= maxN && !zero; n++) {
        Map<List<Integer>, Integer> counts = grams(s[h], n);
        Map<List<Integer>, Integer> maxRef = new HashMap<>();
        for (int r = 0; r < s.length; r++) {
          if (r == h) {
            continue;
          }
          Map<List<Integer>, Integer> rc = grams(s[r], n);
          for (List<Integer> g : counts.keySet()) {
            maxRef.merge(g, rc.getOrDefault(g, 0), Math::max);
          }
        }
        long num = 0;
        long den = 0;
        for (Map.Entry<List<Integer>, Integer> e : counts.entrySet()) {
          num += Math.min(e.getValue(), maxRef.get(e.getKey()));
          den += e.getValue();
        }
        den = Math.max(1, den);
        if (n == 1 && num == 0) {
          zero = true;
        }
        terms[n - 1] = weight * Math.log(num == 0 ? 0.1 / den : (double) num / den);
      }
      if (zero) {
        continue;
      }
      int c = s[h].length;
      int best = -1;
      for (int r = 0; r < s.length; r++) {
        int len = s[r].length;
        if (r != h && (best < 0 || Math.abs(len - c) < Math.abs(best - c) || Math.abs(len - c) == Math.abs(best - c)
            && len < best)) {
          best = len;
        }
      }
      double bp = c > best ? 1 : Math.exp(1 - (double) best / c);
      out[h] = bp * Math.exp(SelfBleu.fsum(terms));
    }
    return out;
  }

  private static Map<List<Integer>, Integer> grams(int[] s, int n) {
    Map<List<Integer>, Integer> m = new HashMap<>();
    for (int i = 0; i + n <= s.length; i++) {
      m.merge(Arrays.stream(s, i, i + n).boxed().toList(), 1, Integer::sum);
    }
    return m;
  }
}
