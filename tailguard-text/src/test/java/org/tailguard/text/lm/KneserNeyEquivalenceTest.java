package org.tailguard.text.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.tailguard.random.RandomStreams;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/**
 * The low-memory builder of {@link KneserNey} against the builder it replaced ({@link LegacyKneserNey}):
 * every stored array of the model (probabilities, words, offsets, backoffs) and every discount must be
 * bit-identical, on random corpora of orders 1 to 5 with both unigram levels, with empty sentences and
 * {@code <unk>}, and on real text. Exact equality is the right tolerance: both evaluate the same
 * expressions over the same integer counts in the same order.
 */
class KneserNeyEquivalenceTest {

  private static void assertSameModel(NgramLm expected, NgramLm actual) {
    assertEquals(expected.order, actual.order);
    assertEquals(expected.discounts(), actual.discounts());
    for (int k = 1; k <= expected.order; k++) {
      assertArrayEquals(expected.probs[k], actual.probs[k], 0.0, "probs at order " + k);
      if (k >= 2) {
        assertArrayEquals(expected.words[k], actual.words[k], "words at order " + k);
      }
      if (k < expected.order) {
        assertArrayEquals(expected.offsets[k], actual.offsets[k], "offsets at order " + k);
        assertArrayEquals(expected.backoffs[k], actual.backoffs[k], 0.0, "backoffs at order " + k);
      }
    }
  }

  /** A random corpus with empty sentences, {@code <unk>} tokens and long repeated runs (dense high orders). */
  private static Sentences corpus(long seed, int sentences, int words) {
    Sentences base = NgramLmPropertyTest.randomCorpus(seed, sentences, words);
    UniformRandomProvider rng = RandomStreams.of(seed ^ 7);
    int[][] s = base.sentences();
    for (int i = 0; i < s.length; i++) {
      if (rng.nextInt(10) == 0) {
        s[i] = new int[0];
      } else if (rng.nextInt(5) == 0) {
        s[i][rng.nextInt(s[i].length)] = Vocabulary.UNK;
      }
    }
    return base;
  }

  @Test
  void newBuilder_isBitIdenticalToLegacyOnRandomCorpora() {
    qt().withFixedSeed(20261123L).withExamples(60)
        .forAll(longs().all(), integers().between(1, 5), integers().between(2, 60))
        .checkAssert((seed, order, words) -> {
          Sentences c = corpus(seed, 120, words);
          for (KneserNey.Unigrams u : KneserNey.Unigrams.values()) {
            assertSameModel(LegacyKneserNey.train(c, order, u), KneserNey.train(c, order, u));
          }
        });
  }

  @Test
  void newBuilder_isBitIdenticalToLegacyOnRealText() {
    Sentences c = TestTexts.sentences(TestTexts.WASHINGTON + "\n" + TestTexts.LATER_ADDRESS);
    for (int order = 1; order <= KneserNey.MAX_ORDER; order++) {
      assertSameModel(LegacyKneserNey.train(c, order, KneserNey.Unigrams.UNIFORM), KneserNey.train(c, order));
    }
  }

  @Test
  void newBuilder_isBitIdenticalToLegacyOnALargerCorpus() {
    Sentences c = corpus(42, 20_000, 3_000); // a vocabulary large enough for buckets of many sizes
    assertSameModel(LegacyKneserNey.train(c, 4, KneserNey.Unigrams.UNIFORM), KneserNey.train(c, 4));
  }
}
