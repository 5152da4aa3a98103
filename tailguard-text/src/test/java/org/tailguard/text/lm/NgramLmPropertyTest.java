package org.tailguard.text.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.tailguard.random.RandomStreams;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/**
 * Properties of every model, on random small corpora and random contexts: the next-token distribution
 * sums to 1 over the vocabulary (to 1e-9: |V| additions in double precision) and agrees with
 * {@link NgramLm#logProb}; {@link NgramLm#rank} counts the strictly more probable ids; sequential scoring
 * equals scoring with explicit contexts.
 */
class NgramLmPropertyTest {

  /** A random corpus over a Zipf-like vocabulary of {@code words} words (ids 3..). */
  static Sentences randomCorpus(long seed, int sentences, int words) {
    UniformRandomProvider rng = RandomStreams.of(seed);
    java.util.List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < words; i++) {
      names.add("w" + i);
    }
    Vocabulary v = Vocabulary.of(names);
    int[][] s = new int[sentences][];
    for (int i = 0; i < sentences; i++) {
      int len = 1 + rng.nextInt(8);
      s[i] = new int[len];
      int prev = 0;
      for (int j = 0; j < len; j++) {
        // skewed, with some dependence on the previous word so that higher orders matter
        int w = (int) Math.floor(words * Math.pow(rng.nextDouble(), 2.5));
        if (rng.nextDouble() < 0.3) {
          w = (prev * 7 + 1) % words;
        }
        s[i][j] = 3 + w;
        prev = w;
      }
    }
    return new Sentences(v, s);
  }

  private static int[] randomContext(UniformRandomProvider rng, int vocab, int maxLength) {
    int len = rng.nextInt(maxLength + 1);
    int[] c = new int[len];
    for (int i = 0; i < len; i++) {
      c[i] = i == 0 && rng.nextBoolean() ? Vocabulary.BOS : rng.nextInt(vocab);
    }
    return c;
  }

  @Test
  void distribution_sumsToOneAndMatchesLogProb() {
    qt().withFixedSeed(20261122L).withExamples(40)
        .forAll(longs().all(), integers().between(1, 5), integers().between(2, 30))
        .checkAssert((seed, order, words) -> {
          Sentences corpus = randomCorpus(seed, 40, words);
          NgramLm lm = KneserNey.train(corpus, order);
          UniformRandomProvider rng = RandomStreams.of(seed ^ 1);
          int v = corpus.vocabulary().size();
          for (int t = 0; t < 5; t++) {
            int[] ctx = randomContext(rng, v, 5);
            double[] p = lm.distribution(ctx);
            double sum = 0;
            for (int w = 0; w < v; w++) {
              sum += p[w];
              if (w != Vocabulary.BOS) {
                assertTrue(p[w] > 0, "p > 0 for every word but <s>");
              }
              assertEquals(Math.log(p[w]), lm.logProb(ctx, w), 1e-12 * Math.max(1, Math.abs(Math.log(p[w]))));
            }
            assertEquals(0, p[Vocabulary.BOS]);
            assertEquals(1, sum, 1e-9);
          }
        });
  }

  @Test
  void rank_countsStrictlyMoreProbableIds() {
    qt().withFixedSeed(7L).withExamples(30)
        .forAll(longs().all(), integers().between(1, 4), integers().between(2, 40))
        .checkAssert((seed, order, words) -> {
          Sentences corpus = randomCorpus(seed, 60, words);
          NgramLm lm = KneserNey.train(corpus, order);
          UniformRandomProvider rng = RandomStreams.of(seed ^ 2);
          int v = corpus.vocabulary().size();
          for (int t = 0; t < 5; t++) {
            int[] ctx = randomContext(rng, v, 4);
            double[] p = lm.distribution(ctx);
            int w = rng.nextInt(v);
            if (w == Vocabulary.BOS) {
              continue;
            }
            int greater = 0;
            for (double x : p) {
              if (x > p[w] * (1 + 1e-9)) {
                greater++;
              }
            }
            assertEquals(1 + greater, lm.rank(ctx, w), "rank of " + w + " after " + java.util.Arrays.toString(ctx));
          }
        });
  }

  @Test
  void sentenceLogProb_equalsSumOfConditionals() {
    qt().withFixedSeed(11L).withExamples(30)
        .forAll(longs().all(), integers().between(1, 5))
        .checkAssert((seed, order) -> {
          Sentences corpus = randomCorpus(seed, 30, 12);
          NgramLm lm = KneserNey.train(corpus, order);
          int[] s = randomCorpus(seed + 1, 1, 12).sentences()[0];
          double sum = 0;
          int[] hist = {Vocabulary.BOS};
          for (int i = 0; i <= s.length; i++) {
            int w = i < s.length ? s[i] : Vocabulary.EOS;
            sum += lm.logProb(hist, w);
            hist = java.util.Arrays.copyOf(hist, hist.length + 1);
            hist[hist.length - 1] = w;
          }
          assertEquals(sum, lm.sentenceLogProb(s), 1e-10);
        });
  }
}
