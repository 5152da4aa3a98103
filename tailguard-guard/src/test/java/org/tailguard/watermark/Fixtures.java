package org.tailguard.watermark;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.random.RandomStreams;
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
    static final List<int[]> TEXTS = new ArrayList<>();

    static {
      UniformRandomProvider rng = RandomStreams.of(20261122);
      for (String split : List.of("brown:test", "sotu:test")) {
        TEXTS.addAll(chunks(TokenizedCorpus.of(Split.parse(split)).encode(vocabulary()), 50, 200, rng));
      }
    }
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
   * split cut into chunks, encoded with the SOTU-before-1990 vocabulary. About 2,400 texts.
   */
  static List<int[]> humanTexts() {
    return Human.TEXTS;
  }

  /** Consecutive words of the sentences cut into chunks of uniform length in [min, max]; the tail is dropped. */
  static List<int[]> chunks(Sentences s, int min, int max, UniformRandomProvider rng) {
    int[] flat = new int[(int) s.tokens()];
    int at = 0;
    for (int[] sentence : s.sentences()) {
      System.arraycopy(sentence, 0, flat, at, sentence.length);
      at += sentence.length;
    }
    List<int[]> out = new ArrayList<>();
    int from = 0;
    while (true) {
      int len = min + rng.nextInt(max - min + 1);
      if (from + len > flat.length) {
        return out;
      }
      out.add(java.util.Arrays.copyOfRange(flat, from, from + len));
      from += len;
    }
  }
}
