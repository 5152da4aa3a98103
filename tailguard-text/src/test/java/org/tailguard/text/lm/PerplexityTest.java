package org.tailguard.text.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/** Perplexity conventions (count </s>, not <s>; OOV as <unk>) and the ordering of in- and out-of-domain text. */
class PerplexityTest {
  private static final Sentences TRAIN = TestTexts.sentences(TestTexts.WASHINGTON);

  @Test
  void trainingText_isLessPerplexingThanOtherText() {
    Sentences other = TestTexts.sentences(TestTexts.LATER_ADDRESS, TRAIN.vocabulary());
    for (int order = 1; order <= 5; order++) {
      NgramLm lm = KneserNey.train(TRAIN, order);
      double own = lm.perplexity(TRAIN).perplexity();
      double foreign = lm.perplexity(other).perplexity();
      // a unigram model knows only word frequencies; longer contexts widen the gap
      assertTrue(own < (order == 1 ? foreign : foreign / 2), "order " + order + ": " + own + " vs " + foreign);
    }
  }

  @Test
  void perplexity_countsEndOfSentenceAndOov() {
    NgramLm lm = KneserNey.train(TRAIN, 3);
    Sentences other = TestTexts.sentences(TestTexts.LATER_ADDRESS, TRAIN.vocabulary());
    Perplexity p = lm.perplexity(other);
    assertEquals(other.tokens() + other.size(), p.tokens());
    long oov = 0;
    double oovLog10 = 0;
    double all = 0;
    for (int[] s : other.sentences()) {
      for (int w : s) {
        if (w == Vocabulary.UNK) {
          oov++;
        }
      }
      all += lm.sentenceLogProb(s) / Math.log(10);
    }
    assertEquals(oov, p.oovs());
    assertTrue(oov > 0, "the later address has words Washington did not use");
    assertEquals(all, p.log10Prob(), 1e-9);
    assertEquals(Math.pow(10, -all / p.tokens()), p.perplexity(), 1e-9 * p.perplexity());
    assertTrue(p.perplexityWithoutOov() != p.perplexity());
    // the same text over its own vocabulary is mapped word by word
    Sentences ownVocab = TestTexts.sentences(TestTexts.LATER_ADDRESS);
    assertEquals(p.log10Prob(), lm.perplexity(ownVocab).log10Prob(), 1e-9);
  }
}
