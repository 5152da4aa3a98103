package org.tailguard.watermark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tailguard.text.token.Vocabulary;

/**
 * Each scheme's statistic and p-value on a 10-token text, recomputed here from the definitions in the
 * Javadoc with the raw PRF (itself checked against SHA-256 and SplitMix64 in {@link PrfTest}) and exact
 * arithmetic: binomial tails by summing exact binomial terms in BigDecimal, the Gamma tail by the Erlang
 * sum e^{-s}·Σ_{k&lt;n} s^k/k!. The text a b c d e a b c d e repeats the tuple (a b c d, e) at its last
 * position, so the schemes score 9 positions (5 distinct tokens for Unigram; 8 for the self-hash, whose
 * min-hash also merges two windows). Tolerance: 1e-12 relative
 * on p-values (the library's incomplete beta and gamma against exact sums), exact on counts.
 */
class GoldenTest {
  private static final WatermarkKey KEY = WatermarkKey.of("golden");
  private static final Vocabulary V = Vocabulary.of(List.of("a", "b", "c", "d", "e", "f", "g", "h"));
  private static final int A = V.id("a");
  private static final int[] TEXT = {A, A + 1, A + 2, A + 3, A + 4, A, A + 1, A + 2, A + 3, A + 4};
  private static final int BOS = Vocabulary.BOS;

  /** The h ids before position t, padded with {@code <s>}. */
  static int[] ctx(int[] x, int t, int h) {
    int[] c = new int[h];
    for (int i = 0; i < h; i++) {
      int j = t - h + i;
      c[i] = j < 0 ? BOS : x[j];
    }
    return c;
  }

  static double binomialTail(int n, int k, double p) {
    MathContext mc = MathContext.DECIMAL128;
    BigDecimal bp = new BigDecimal(p);
    BigDecimal bq = BigDecimal.ONE.subtract(bp);
    BigDecimal sum = BigDecimal.ZERO;
    for (int j = k; j <= n; j++) {
      BigInteger c = choose(n, j);
      sum = sum.add(new BigDecimal(c).multiply(bp.pow(j, mc), mc).multiply(bq.pow(n - j, mc), mc), mc);
    }
    return sum.doubleValue();
  }

  static BigInteger choose(int n, int k) {
    BigInteger c = BigInteger.ONE;
    for (int i = 0; i < k; i++) {
      c = c.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
    }
    return c;
  }

  static double erlangTail(int n, double s) {
    double term = 1;
    double sum = 1;
    for (int k = 1; k < n; k++) {
      term *= s / k;
      sum += term;
    }
    return Math.exp(-s) * sum;
  }

  private static void assertBinomial(Detection d, int scored, int successes, int trials, double p) {
    assertEquals(scored, d.scored());
    assertEquals(successes, d.statistic());
    double n = (double) scored * trials;
    assertEquals((successes - n * p) / Math.sqrt(n * p * (1 - p)), d.z(), 1e-12);
    double exact = binomialTail(scored * trials, successes, p);
    assertEquals(exact, d.pValue(), 1e-12 * exact);
  }

  @Test
  void kgw_orderedContext() {
    Prf prf = new Prf(KEY);
    long t = Prf.threshold(0.25);
    int green = 0;
    double[] mask = new double[10];
    for (int i = 0; i < 10; i++) {
      long seed = prf.seed('K', ctx(TEXT, i, 4));
      mask[i] = Prf.below(Prf.draw(seed, TEXT[i]), t) ? 1 : 0;
      green += i < 9 ? (int) mask[i] : 0; // position 9 repeats (a b c d, e) of position 4
    }
    Watermark wm = Watermark.of(KgwSpec.defaults(), KEY, V);
    TokenScores s = wm.score(TEXT);
    assertArrayEquals(mask, s.values());
    assertBinomial(s.detection(), 9, green, 1, 0.25);
    // without de-duplication all 10 count
    Detection all = Watermark.of(new KgwSpec(null, null, null, null, false), KEY, V).detect(TEXT);
    assertEquals(10, all.scored());
    assertEquals(green + mask[9], all.statistic());
  }

  @Test
  void kgw_minHash() {
    Prf prf = new Prf(KEY);
    long t = Prf.threshold(0.25);
    int green = 0;
    for (int i = 0; i < 9; i++) {
      long m = -1L;
      for (int c : ctx(TEXT, i, 4)) {
        long s = prf.seed('M', c);
        m = Long.compareUnsigned(s, m) < 0 ? s : m;
      }
      green += Prf.below(Prf.draw(m, TEXT[i]), t) ? 1 : 0;
    }
    Detection d = Watermark.of(WatermarkSpec.named("w", "kgw-minhash"), KEY, V).detect(TEXT);
    // min-hash seeds may coincide for different contexts, merging more tuples; here they do not
    assertBinomial(d, 9, green, 1, 0.25);
  }

  @Test
  void kgw_selfHash() {
    Prf prf = new Prf(KEY);
    long t = Prf.threshold(0.25);
    Set<String> seen = new HashSet<>();
    int green = 0;
    int scored = 0;
    for (int i = 0; i < 10; i++) {
      int v = TEXT[i];
      long m = Prf.draw(prf.seed('S', v), v);
      for (int c : ctx(TEXT, i, 3)) {
        long s = Prf.draw(prf.seed('S', c), v);
        m = Long.compareUnsigned(s, m) < 0 ? s : m;
      }
      if (seen.add(m + ":" + v)) {
        scored++;
        green += Prf.below(Prf.draw(m, v), t) ? 1 : 0;
      }
    }
    // 8, not 9: two windows that differ share their minimising pair, hence their seed, for the same token
    assertEquals(8, scored);
    assertBinomial(Watermark.of(KgwSpec.selfHash(), KEY, V).detect(TEXT), scored, green, 1, 0.25);
  }

  @Test
  void unigram_countsDistinctTokens() {
    long seed = new Prf(KEY).seed('U');
    long t = Prf.threshold(0.5);
    int green = 0;
    for (int v = A; v < A + 5; v++) {
      green += Prf.below(Prf.draw(seed, v), t) ? 1 : 0;
    }
    assertBinomial(Watermark.of(UnigramSpec.defaults(), KEY, V).detect(TEXT), 5, green, 1, 0.5);
  }

  @Test
  void exp_sumOfMinusLogOneMinusR() {
    Prf prf = new Prf(KEY);
    double s = 0;
    for (int i = 0; i < 9; i++) {
      long seed = prf.seed('E', ctx(TEXT, i, 4));
      long u = Prf.draw(seed, TEXT[i]);
      double r = ((u >>> 12) + 0.5) / 4503599627370496.0; // (top 52 bits + ½) / 2^52
      s += -Math.log(1 - r);
    }
    Detection d = Watermark.of(ExpSpec.defaults(), KEY, V).detect(TEXT);
    assertEquals(9, d.scored());
    assertEquals(s, d.statistic(), 1e-12);
    assertEquals((s - 9) / 3, d.z(), 1e-12);
    assertEquals(erlangTail(9, s), d.pValue(), 1e-12 * erlangTail(9, s));
  }

  @Test
  void synthid_countsOnesOverLayers() {
    Prf prf = new Prf(KEY);
    int ones = 0;
    for (int i = 0; i < 9; i++) {
      long seed = prf.seed('G', ctx(TEXT, i, 4));
      long bits = Prf.draw(seed, TEXT[i]);
      for (int l = 0; l < 30; l++) {
        ones += (int) ((bits >>> l) & 1);
      }
    }
    Detection d = Watermark.of(SynthIdSpec.defaults(), KEY, V).detect(TEXT);
    assertBinomial(d, 9, ones, 30, 0.5);
    assertEquals(ones / 270.0, d.score(), 1e-15);
  }
}
