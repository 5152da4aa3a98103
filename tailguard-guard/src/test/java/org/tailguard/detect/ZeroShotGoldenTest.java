package org.tailguard.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.tailguard.random.RandomStreams;
import org.tailguard.text.lm.KneserNey;
import org.tailguard.text.lm.NgramLm;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/**
 * Golden tests of the zero-shot formulas on a hand-built pair of bigram tables, and the equality of the
 * n-gram backoff path with a dense evaluation of the same distributions.
 *
 * <p>The hand case: vocabulary {unk, &lt;s&gt;, &lt;/s&gt;, a, b}; the text "a b." is the tokens a, b, &lt;/s&gt;,
 * predicted from &lt;s&gt;, a and b. Each row lists p(unk), p(&lt;/s&gt;), p(a), p(b):
 * <pre>
 *   observer  &lt;s&gt;: .1 .1 .6 .2   a: .1 .2 .1 .6   b: .1 .5 .2 .2
 *   performer &lt;s&gt;: .1 .1 .5 .3   a: .1 .1 .2 .6   b: .1 .6 .2 .1
 * </pre>
 * By hand: Σ log p_obs(x_t) = ln .6 + ln .6 + ln .5 = −1.714798; the per-token means under the performer of
 * the observer's log-probabilities are μ = (.1 ln .1 + .1 ln .1 + .5 ln .6 + .3 ln .2) = −1.198761,
 * (.1 ln .1 + .1 ln .2 + .2 ln .1 + .6 ln .6) = −1.158215 and (.1 ln .1 + .6 ln .5 + .2 ln .2 + .1 ln .2) =
 * −1.128978, sum −3.485954; their variances sum to 1.516570. Binoculars B = (1.714798/3) / (3.485954/3) =
 * 0.491917; Fast-DetectGPT = (−1.714798 + 3.485954) / √1.516570 = 1.438221; white-box (the observer
 * sampling) = 1.415222.
 */
class ZeroShotGoldenTest {
  static final Vocabulary V = Vocabulary.of(List.of("a", "b"));
  static final int A = 3;
  static final int B = 4;

  static double[] row(double unk, double eos, double a, double b) {
    return new double[] {unk, 0, eos, a, b};
  }

  static final TableScorer OBSERVER = new TableScorer("observer", V, Map.of(Vocabulary.BOS, row(.1, .1, .6, .2),
      A, row(.1, .2, .1, .6), B, row(.1, .5, .2, .2)));
  static final TableScorer PERFORMER = new TableScorer("performer", V, Map.of(Vocabulary.BOS, row(.1, .1, .5, .3),
      A, row(.1, .1, .2, .6), B, row(.1, .6, .2, .1)));

  private static LmStats handCase() {
    Analyzer an = new Analyzer(OBSERVER, PERFORMER, List.of());
    return an.analyze("A b.").lm();
  }

  @Test
  void perplexity_isMinusMeanLogProb() {
    LmStats s = handCase();
    assertEquals(3, s.tokens());
    assertEquals(-(Math.log(.6) + Math.log(.6) + Math.log(.5)) / 3, ZeroShot.logPerplexity(s), 1e-12);
    assertEquals(0.5715994760306423, ZeroShot.logPerplexity(s), 1e-12);
  }

  @Test
  void binoculars_isLogPerplexityOverCrossPerplexity() {
    double mu = .1 * Math.log(.1) + .1 * Math.log(.1) + .5 * Math.log(.6) + .3 * Math.log(.2)
        + .1 * Math.log(.1) + .1 * Math.log(.2) + .2 * Math.log(.1) + .6 * Math.log(.6)
        + .1 * Math.log(.1) + .6 * Math.log(.5) + .2 * Math.log(.2) + .1 * Math.log(.2);
    double logPpl = -(Math.log(.6) + Math.log(.6) + Math.log(.5)) / 3;
    double logXppl = -mu / 3;
    LmStats s = handCase();
    assertEquals(logPpl / logXppl, ZeroShot.binoculars(s), 1e-12);
    assertEquals(0.4919165268164061, ZeroShot.binoculars(s), 1e-12);
    assertEquals(-0.4919165268164061, ZeroShotDetector.BINOCULARS.score(new Analyzer(OBSERVER, PERFORMER, List.of())
        .analyze("A b.")), 1e-12, "low B is machine-like, so the detector's score is −B");
  }

  @Test
  void fastDetectGpt_isTheAnalyticDiscrepancy() {
    double[][] p = {{.1, .1, .5, .3}, {.1, .1, .2, .6}, {.1, .6, .2, .1}};
    double[][] q = {{.1, .1, .6, .2}, {.1, .2, .1, .6}, {.1, .5, .2, .2}};
    double mu = 0;
    double var = 0;
    for (int t = 0; t < 3; t++) {
      double m1 = 0;
      double m2 = 0;
      for (int v = 0; v < 4; v++) {
        m1 += p[t][v] * Math.log(q[t][v]);
        m2 += p[t][v] * Math.log(q[t][v]) * Math.log(q[t][v]);
      }
      mu += m1;
      var += m2 - m1 * m1;
    }
    double lp = Math.log(.6) + Math.log(.6) + Math.log(.5);
    LmStats s = handCase();
    assertEquals((lp - mu) / Math.sqrt(var), ZeroShot.fastDetectGpt(s), 1e-12);
    assertEquals(1.4382207804858753, ZeroShot.fastDetectGpt(s), 1e-12);
    assertEquals(1.4152216744336108, ZeroShot.fastDetectGptWhiteBox(s), 1e-12);
  }

  @Test
  void gltr_countsRanksInBuckets() {
    LmStats s = handCase();
    assertEquals(3, s.rankBuckets()[0], "a, b and </s> are each the observer's most probable token");
    Scorer.Cursor c = OBSERVER.cursor();
    assertEquals(2, c.rank(B), "after <s>, b (.2) ranks behind a (.6)");
    assertEquals(3, c.rank(Vocabulary.EOS), "</s> (.1) ties unk behind a and b");
    assertEquals(1.0, ZeroShot.gltrTop10(s));
  }

  /** A random corpus over {@code words} words with some bigram structure. */
  static Sentences corpus(long seed, int sentences, Vocabulary v) {
    UniformRandomProvider rng = RandomStreams.of(seed);
    int words = v.size() - 3;
    int[][] s = new int[sentences][];
    for (int i = 0; i < sentences; i++) {
      s[i] = new int[1 + rng.nextInt(10)];
      int prev = 0;
      for (int j = 0; j < s[i].length; j++) {
        int w = rng.nextDouble() < 0.4 ? (prev * 5 + 2) % words : (int) (words * Math.pow(rng.nextDouble(), 2));
        s[i][j] = 3 + w;
        prev = w;
      }
    }
    return new Sentences(v, s);
  }

  @Test
  void backoffForm_equalsDenseEvaluation() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      names.add("w" + i);
    }
    Vocabulary v = Vocabulary.of(names);
    NgramLm obs = KneserNey.train(corpus(1, 300, v), 3);
    NgramLm perf = KneserNey.train(corpus(2, 300, v), 2);
    Analyzer sparse = new Analyzer(new NgramScorer("o", obs), new NgramScorer("p", perf), List.of());
    Analyzer dense = new Analyzer(new DenseScorer(obs), new DenseScorer(perf), List.of());
    UniformRandomProvider rng = RandomStreams.of(4);
    for (int trial = 0; trial < 20; trial++) {
      List<String[]> text = new ArrayList<>();
      for (int k = 0; k < 1 + rng.nextInt(4); k++) {
        String[] s = new String[1 + rng.nextInt(12)];
        for (int j = 0; j < s.length; j++) {
          s[j] = rng.nextInt(10) == 0 ? "oov" : names.get(rng.nextInt(names.size()));
        }
        text.add(s);
      }
      LmStats a = sparse.analyze(text, "").lm();
      LmStats b = dense.analyze(text, "").lm();
      assertEquals(b.logProb(), a.logProb(), 1e-9);
      assertEquals(b.crossMean(), a.crossMean(), 1e-9);
      assertEquals(b.crossVariance(), a.crossVariance(), 1e-8);
      assertEquals(b.selfMean(), a.selfMean(), 1e-9);
      assertEquals(b.selfVariance(), a.selfVariance(), 1e-8);
      assertEquals(b.logRank(), a.logRank(), 1e-9);
      assertEquals(java.util.Arrays.toString(b.rankBuckets()), java.util.Arrays.toString(a.rankBuckets()));
    }
  }
}
