package org.tailguard.text.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.tailguard.random.RandomStreams;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/**
 * The cursor reads a token stream as the model's explicit-context methods score it: at every position its
 * probability, log-probability and rank equal {@link NgramLm#prob}, {@link NgramLm#logProb} and
 * {@link NgramLm#rank} given the stream since the last sentence start, and its backoff form (S, P, C)
 * reproduces {@link NgramLm#distribution} for every word.
 */
class NgramCursorTest {

  @Test
  void cursor_agreesWithExplicitContexts() {
    qt().withFixedSeed(20261123L).withExamples(30)
        .forAll(longs().all(), integers().between(1, 5), integers().between(2, 30))
        .checkAssert((seed, order, words) -> {
          Sentences corpus = NgramLmPropertyTest.randomCorpus(seed, 40, words);
          NgramLm lm = KneserNey.train(corpus, order);
          int v = corpus.vocabulary().size();
          UniformRandomProvider rng = RandomStreams.of(seed ^ 7);
          NgramCursor c = new NgramCursor(lm);
          IntArrayList context = new IntArrayList();
          context.add(Vocabulary.BOS);
          double[] dense = new double[v];
          for (int t = 0; t < 40; t++) {
            int[] ctx = context.toIntArray();
            lm.distribution(ctx, dense);
            // the backoff form: listed words exactly, the rest C · p1(w)
            double[] p1 = lm.distribution(new int[0]);
            for (int w = 0; w < v; w++) {
              double expected = dense[w];
              double got = c.isStored(w) ? storedProb(c, w) : c.backoff() * p1[w];
              assertEquals(expected, got, 1e-12 * Math.max(1e-300, expected) + 1e-300);
            }
            int x = rng.nextInt(v - 1) + 1 == Vocabulary.BOS ? Vocabulary.EOS : 3 + rng.nextInt(v - 3);
            if (rng.nextInt(6) == 0) {
              x = Vocabulary.EOS;
            }
            assertEquals(lm.prob(ctx, x), c.prob(x), 1e-15);
            assertEquals(lm.logProb(ctx, x), c.logProb(x), 1e-12);
            assertEquals(lm.rank(ctx, x), c.rank(x));
            int m = c.matchOrder(x);
            assertTrue(m >= 1 && m <= lm.order(), "match order " + m);
            c.advance(x);
            if (x == Vocabulary.EOS) {
              context.clear();
              context.add(Vocabulary.BOS);
            } else {
              context.add(x);
            }
          }
        });
  }

  private static double storedProb(NgramCursor c, int w) {
    for (int i = 0; i < c.stored(); i++) {
      if (c.storedWord(i) == w) {
        assertEquals(Math.log(c.storedProb(i)), c.storedLogProb(i), 1e-12);
        return c.storedProb(i);
      }
    }
    throw new AssertionError("stored word " + w + " not listed");
  }

  @Test
  void matchOrder_isTheLongestStoredNgram() {
    // "a b c" seen: after "a b", c is predicted by the stored trigram; after "c b", by the bigram "b c"
    Vocabulary v = Vocabulary.of(java.util.List.of("a", "b", "c"));
    Sentences s = new Sentences(v, new int[][] {{3, 4, 5}, {5, 4, 5}, {3, 3}});
    NgramLm lm = KneserNey.train(s, 3);
    NgramCursor c = new NgramCursor(lm);
    c.advance(3);
    c.advance(4);
    assertEquals(3, c.matchOrder(5));
    c.reset();
    c.advance(3);
    c.advance(3);
    assertEquals(1, c.matchOrder(5), "neither 'a a c' nor 'a c' was seen");
  }
}
