package org.tailguard.text.indicators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.random.RandomStreams;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/** Test corpora: inline sentences, and random ones drawn from a seed. */
final class Texts {
  private Texts() {}

  /** Whitespace-tokenised sentences over their own vocabulary (min count 1). */
  static Sentences of(String... sentences) {
    return of(1, sentences);
  }

  /** Whitespace-tokenised sentences; words seen fewer than minCount times become {@code <unk>}. */
  static Sentences of(int minCount, String... sentences) {
    List<String[]> tokens = new ArrayList<>();
    for (String s : sentences) {
      tokens.add(s.isBlank() ? new String[0] : s.strip().split("\\s+"));
    }
    Vocabulary v = Vocabulary.build(tokens, minCount);
    int[][] ids = new int[tokens.size()][];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = v.encode(tokens.get(i));
    }
    return new Sentences(v, ids);
  }

  /**
   * Random sentences over {@code types} words with Zipf-like frequencies (rank r drawn with weight 1/r):
   * short, repetitive text with many shared n-grams, the hard case for clipping and reference maxima.
   */
  static Sentences random(long seed, int sentences, int minLength, int maxLength, int types) {
    UniformRandomProvider rng = RandomStreams.of(seed);
    double[] cdf = new double[types];
    double total = 0;
    for (int r = 0; r < types; r++) {
      total += 1.0 / (r + 1);
      cdf[r] = total;
    }
    List<String> words = new ArrayList<>();
    for (int r = 0; r < types; r++) {
      words.add("w" + r);
    }
    Vocabulary v = Vocabulary.of(words);
    int[][] ids = new int[sentences][];
    for (int i = 0; i < sentences; i++) {
      ids[i] = new int[minLength + rng.nextInt(maxLength - minLength + 1)];
      for (int j = 0; j < ids[i].length; j++) {
        int r = Arrays.binarySearch(cdf, rng.nextDouble() * total);
        ids[i][j] = 3 + (r >= 0 ? r : Math.min(types - 1, -r - 1));
      }
    }
    return new Sentences(v, ids);
  }

  /** The same sentences in an order drawn from the seed. */
  static Sentences shuffled(Sentences s, long seed) {
    UniformRandomProvider rng = RandomStreams.of(seed);
    int[][] a = s.sentences().clone();
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int[] t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return new Sentences(s.vocabulary(), a);
  }
}
