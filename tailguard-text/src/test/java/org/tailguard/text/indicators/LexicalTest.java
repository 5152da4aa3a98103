package org.tailguard.text.indicators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import org.tailguard.random.RandomStreams;
import org.tailguard.text.token.Sentences;

class LexicalTest {
  private static final double EPS = 1e-12;

  /*
   * "the cat sat" / "the cat ran" / "a dog": 8 tokens, 6 types (the cat sat ran a dog).
   * Bigrams: (the cat) (cat sat) | (the cat) (cat ran) | (a dog): 5 occurrences, 4 distinct.
   */
  private static final Sentences THREE = Texts.of("the cat sat", "the cat ran", "a dog");

  @Test
  void distinctN_dividesByNGramOccurrences() {
    assertEquals(4.0 / 5, Lexical.distinctN(THREE, 2), EPS);
    assertEquals(6.0 / 8, Lexical.distinctN(THREE, 1), EPS);
    // trigrams: (the cat sat) (the cat ran): 2 occurrences, 2 distinct
    assertEquals(1.0, Lexical.distinctN(THREE, 3), EPS);
    assertTrue(Double.isNaN(Lexical.distinctN(THREE, 4)), "no 4-gram: 0/0");
  }

  @Test
  void distinctNPerToken_dividesByTokens() {
    assertEquals(4.0 / 8, Lexical.distinctNPerToken(THREE, 2), EPS);
    assertEquals(Lexical.typeTokenRatio(THREE), Lexical.distinctNPerToken(THREE, 1), 0);
    assertEquals(6.0 / 8, Lexical.typeTokenRatio(THREE), EPS);
  }

  @Test
  void meanDocumentTtr_averagesDocuments() {
    // documents "the cat sat the cat ran" (4 types / 6 tokens) and "a dog" (2/2)
    Documents d = Documents.ofSizes(THREE, 2, 1);
    assertEquals((4.0 / 6 + 1) / 2, Lexical.meanDocumentTtr(d), EPS);
  }

  @Test
  void movingAverageTtr_averagesSlidingWindows() {
    Sentences s = Texts.of("a a", "b a");
    // stream a a b a; window 2: {a a} 1/2, {a b} 1, {b a} 1 -> 2.5/3
    assertEquals(2.5 / 3, Lexical.movingAverageTtr(s, 2), EPS);
    // window 3: {a a b} 2/3, {a b a} 2/3
    assertEquals(2.0 / 3, Lexical.movingAverageTtr(s, 3), EPS);
    // a window longer than the corpus gives the plain TTR, 2/4
    assertEquals(0.5, Lexical.movingAverageTtr(s, 500), EPS);
    assertEquals(Lexical.typeTokenRatio(s), Lexical.movingAverageTtr(s, 4), EPS);
    assertThrows(IllegalArgumentException.class, () -> Lexical.movingAverageTtr(s, 0));
  }

  @Test
  void movingAverageTtr_matchesWindowByWindowRecount() {
    Sentences s = Texts.random(5, 40, 1, 30, 60);
    int[] stream = Lexical.stream(s.sentences());
    for (int w : new int[] {1, 7, 64, 200}) {
      double sum = 0;
      for (int i = 0; i + w <= stream.length; i++) {
        sum += java.util.Arrays.stream(stream, i, i + w).distinct().count() / (double) w;
      }
      assertEquals(sum / (stream.length - w + 1), Lexical.movingAverageTtr(s, w), 1e-12, "window " + w);
    }
  }

  @Test
  void entropy_isInNatsOverWithinSentenceNGrams() {
    assertEquals(Math.log(2), Lexical.unigramEntropy(Texts.of("a a b b")), EPS);
    // bigrams (a b) x2 and (c d) x1; none across the sentence boundaries
    double expected = -(2.0 / 3 * Math.log(2.0 / 3) + 1.0 / 3 * Math.log(1.0 / 3));
    assertEquals(expected, Lexical.bigramEntropy(Texts.of("a b", "a b", "c d")), EPS);
    assertEquals(0.0, Lexical.bigramEntropy(Texts.of("a", "b")), 0);
  }

  @Test
  void ngramDiversity_readsOneStreamAcrossSentences() {
    // stream a b a b: unigrams 2/4, bigrams (a b) (b a) (a b) 2/3
    assertEquals(0.5 + 2.0 / 3, Lexical.ngramDiversity(Texts.of("a b a b"), 2), EPS);
    assertEquals(0.5 + 2.0 / 3, Lexical.ngramDiversity(Texts.of("a b", "a b"), 2), EPS);
    // trigrams (a b a) (b a b): 2/2
    assertEquals(0.5 + 2.0 / 3 + 1, Lexical.ngramDiversity(Texts.of("a b", "a b"), 3), EPS);
  }

  @Test
  void uniqueN_usesAllNGramsWhenFewerThanTheSample() {
    Lexical.UniqueN u = Lexical.uniqueN(THREE, 3, 1000, RandomStreams.of(1));
    assertArrayEquals(new double[] {6.0 / 8, 4.0 / 5, 1.0}, u.byOrder(), EPS);
    assertArrayEquals(new int[] {8, 5, 2}, u.sampled());
    assertEquals((6.0 / 8 + 4.0 / 5 + 1.0) / 3, u.mean(), EPS);
    assertFalse(u.lengthControlled());
  }

  @Test
  void uniqueN_isDeterministicPerSeedAndLengthControlled() {
    Sentences s = Texts.random(11, 3000, 5, 30, 3000);
    Lexical.UniqueN a = Lexical.uniqueN(s, 3, 5000, RandomStreams.of(42));
    Lexical.UniqueN b = Lexical.uniqueN(s, 3, 5000, RandomStreams.of(42));
    Lexical.UniqueN c = Lexical.uniqueN(s, 3, 5000, RandomStreams.of(43));
    assertEquals(a.mean(), b.mean(), 0, "same seed, same value");
    assertArrayEquals(a.byOrder(), b.byOrder(), 0);
    assertNotEquals(a.mean(), c.mean(), "another seed draws another sample");
    assertTrue(a.lengthControlled());
    assertArrayEquals(new int[] {5000, 5000, 5000}, a.sampled());
    // a sample has at least as many distinct n-grams per draw as the whole corpus (fewer draws, fewer repeats)
    for (int n = 1; n <= 3; n++) {
      assertTrue(a.byOrder()[n - 1] >= Lexical.distinctN(s, n) - 1e-12);
    }
  }

  /*
   * Drawing k of T occurrences without replacement, the expected number of distinct n-grams is
   * Σ_g [1 − C(T − c_g, k)/C(T, k)]. Averaged over 200 seeds, unique-1 must land within 4 standard errors.
   */
  @Test
  void uniqueN_isUnbiasedForTheHypergeometricExpectation() {
    Sentences s = Texts.random(12, 200, 5, 15, 400);
    int k = 600;
    int[] stream = Lexical.stream(s.sentences());
    int total = stream.length;
    int[] counts = new int[s.vocabulary().size()];
    for (int w : stream) {
      counts[w]++;
    }
    double expected = 0;
    for (int c : counts) {
      if (c > 0) {
        double logMiss = 0; // ln C(T − c, k)/C(T, k) = Σ_{i<k} ln((T − c − i)/(T − i))
        for (int i = 0; i < k && logMiss > -745; i++) {
          logMiss += total - c - i <= 0 ? Double.NEGATIVE_INFINITY : Math.log((double) (total - c - i) / (total - i));
        }
        expected += 1 - Math.exp(logMiss);
      }
    }
    int runs = 200;
    double sum = 0;
    double sumSq = 0;
    for (int seed = 0; seed < runs; seed++) {
      double v = Lexical.uniqueN(s, 1, k, RandomStreams.of(seed)).mean();
      sum += v;
      sumSq += v * v;
    }
    double mean = sum / runs;
    double se = Math.sqrt((sumSq / runs - mean * mean) / (runs - 1));
    assertEquals(expected / k, mean, 4 * se);
  }

  @Test
  void distinctAndEntropy_doNotDependOnSentenceOrder() {
    qt().withFixedSeed(101L).withExamples(40).forAll(longs().between(0, 1 << 20), integers().between(1, 4))
        .check((seed, n) -> {
          Sentences s = Texts.random(seed, 30, 0, 12, 25);
          Sentences t = Texts.shuffled(s, seed + 1);
          return same(Lexical.distinctN(s, n), Lexical.distinctN(t, n))
              && Lexical.typeTokenRatio(s) == Lexical.typeTokenRatio(t)
              && Math.abs(Lexical.ngramEntropy(s, n) - Lexical.ngramEntropy(t, n)) < 1e-12;
        });
  }

  @Test
  void ratios_stayInTheirBounds() {
    qt().withFixedSeed(102L).withExamples(40).forAll(longs().between(0, 1 << 20), integers().between(1, 4))
        .check((seed, n) -> {
          Sentences s = Texts.random(seed, 25, 1, 12, 30);
          double d = Lexical.distinctN(s, n);
          double perToken = Lexical.distinctNPerToken(s, n);
          double h = Lexical.ngramEntropy(s, n);
          double ngd = Lexical.ngramDiversity(s, n);
          boolean distinctOk = Double.isNaN(d) || d > 0 && d <= 1;
          boolean perTokenOk = perToken >= 0 && perToken <= 1 && (Double.isNaN(d) || perToken <= d);
          boolean entropyOk = h >= 0 && h <= Math.log(s.tokens()) + 1e-12;
          boolean ngdOk = Double.isNaN(ngd) || ngd > 0 && ngd <= n;
          return distinctOk && perTokenOk && entropyOk && ngdOk;
        });
  }

  @Test
  void badOrder_isRejectedWithTheParameterName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lexical.distinctN(THREE, 0));
    assertEquals("n: must be at least 1, got 0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Lexical.uniqueN(THREE, 3, 0, RandomStreams.of(1)));
  }

  private static boolean same(double a, double b) {
    return Double.isNaN(a) ? Double.isNaN(b) : a == b;
  }
}
