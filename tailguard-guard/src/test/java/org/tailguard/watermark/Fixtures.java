package org.tailguard.watermark;

import java.util.List;
import org.tailguard.text.corpus.Split;
import org.tailguard.text.lm.KneserNey;
import org.tailguard.text.lm.NgramLm;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.TokenizedCorpus;
import org.tailguard.text.token.Vocabulary;

/**
 * Shared, memoised test data (tokenising SOTU takes seconds; the surefire JVM is shared by the test
 * classes): the SOTU-before-1990 vocabulary (min count 2) and Kneser–Ney trigram, and human texts from
 * held-out splits of two domains encoded with that vocabulary.
 */
final class Fixtures {
  private Fixtures() {}

  private static final class Sotu {
    static final Sentences TRAIN;
    static final NgramLm TRIGRAM;

    static {
      TokenizedCorpus tc = TokenizedCorpus.of(Split.parse("sotu:train"));
      TRAIN = tc.encode(tc.vocabulary(2));
      TRIGRAM = KneserNey.train(TRAIN, 3);
    }
  }

  private static final class Human {
    static final List<int[]> TEXTS = WatermarkEvaluation.humanTexts(List.of("brown:test", "sotu:test"), vocabulary(), 1);
  }

  static Vocabulary vocabulary() {
    return Sotu.TRAIN.vocabulary();
  }

  /** The SOTU (before 1990) training sentences over {@link #vocabulary()}. */
  static Sentences sotuTrain() {
    return Sotu.TRAIN;
  }

  /** A Kneser–Ney trigram trained on SOTU before 1990. */
  static NgramLm trigram() {
    return Sotu.TRIGRAM;
  }

  /**
   * Human texts of 50–200 tokens (lengths uniform): consecutive sentences of brown:test and sotu:test, each
   * split cut into chunks, encoded with the SOTU-before-1990 vocabulary: 2,459 texts.
   */
  static List<int[]> humanTexts() {
    return Human.TEXTS;
  }

}
