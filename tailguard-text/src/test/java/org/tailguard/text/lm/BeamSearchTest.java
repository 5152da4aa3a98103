package org.tailguard.text.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tailguard.random.RandomStreams;
import org.tailguard.text.token.Vocabulary;

/** Beam search against brute force on a model small enough to enumerate every continuation. */
class BeamSearchTest {
  private static final NgramLm LM = KneserNey.train(TestTexts.sentences("a b\na b c\nb c\nc a b c\nb b"), 3);
  private static final int[] WORDS = {Vocabulary.UNK, 3, 4, 5}; // every id but <s> and </s>

  /** All complete continuations of at most {@code max} tokens: ending in </s>, or of length max. */
  private static void enumerate(int[] prefix, int max, List<int[]> out) {
    if (prefix.length > 0 && prefix[prefix.length - 1] == Vocabulary.EOS || prefix.length == max) {
      out.add(prefix);
      return;
    }
    int[] next = Arrays.copyOf(WORDS, WORDS.length + 1);
    next[WORDS.length] = Vocabulary.EOS;
    for (int w : next) {
      int[] p = Arrays.copyOf(prefix, prefix.length + 1);
      p[prefix.length] = w;
      enumerate(p, max, out);
    }
  }

  private static double score(int[] prompt, int[] continuation) {
    double s = 0;
    int[] hist = prompt;
    for (int w : continuation) {
      s += LM.logProb(hist, w);
      hist = Arrays.copyOf(hist, hist.length + 1);
      hist[hist.length - 1] = w;
    }
    return s;
  }

  @Test
  void exhaustiveWidth_findsBruteForceOptimum() {
    for (int[] prompt : List.of(new int[] {Vocabulary.BOS}, new int[] {Vocabulary.BOS, 4}, new int[] {3, 5})) {
      for (int max = 1; max <= 4; max++) {
        List<int[]> all = new ArrayList<>();
        enumerate(new int[0], max, all);
        int[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int[] c : all) {
          double s = score(prompt, c);
          if (s > bestScore + 1e-12 || (Math.abs(s - bestScore) <= 1e-12 && Arrays.compare(c, best) < 0)) {
            best = c;
            bestScore = s;
          }
        }
        BeamSearch.Continuation found = BeamSearch.search(LM, prompt, 5000, max);
        assertArrayEquals(best, found.words(), "prompt " + Arrays.toString(prompt) + ", max " + max);
        assertEquals(bestScore, found.logProb(), 1e-12);
      }
    }
  }

  @Test
  void widthOne_isGreedy() {
    int[] prompt = {Vocabulary.BOS, 4};
    int[] greedy = new Sampler(LM, Decoding.greedy()).continuation(prompt, 6, RandomStreams.of(1));
    int end = 0;
    while (end < greedy.length && greedy[end] != Vocabulary.EOS) {
      end++;
    }
    int[] expected = Arrays.copyOf(greedy, Math.min(greedy.length, end + 1));
    assertArrayEquals(expected, BeamSearch.search(LM, prompt, 1, 6).words());
  }

  @Test
  void samplerBeam_continuesPrompt() {
    Sampler s = new Sampler(LM, Decoding.beam(5));
    int[] c = s.continuation(new int[] {Vocabulary.BOS}, 8, RandomStreams.of(1));
    assertArrayEquals(BeamSearch.search(LM, new int[] {Vocabulary.BOS}, 5, 8).words(), c);
  }
}
