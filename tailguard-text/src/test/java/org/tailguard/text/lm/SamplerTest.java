package org.tailguard.text.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.tailguard.random.RandomStreams;
import org.tailguard.spec.SpecException;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/**
 * Sampling frequencies against the decoded distribution, computed independently here from
 * {@link NgramLm#distribution}: p^(1/T) renormalised, then the k most probable (ties by lower id) or the
 * smallest most-probable set of tempered mass ≥ p. Each comparison is a Pearson chi-square test on
 * 20,000 draws, cells with expected count below 5 pooled, rejected at significance 1e-4 (a fixed seed,
 * so the outcome is deterministic; a correct sampler fails with probability 1e-4 per test).
 */
class SamplerTest {
  private static final Sentences TEXT = TestTexts.sentences(TestTexts.WASHINGTON);
  private static final NgramLm LM = KneserNey.train(TEXT, 3);
  private static final int DRAWS = 20_000;

  private static int id(String w) {
    return LM.vocabulary().id(w);
  }

  /** The decoded next-token distribution, from the model's full distribution and the definitions. */
  static double[] decoded(double[] p, Decoding d) {
    int v = p.length;
    double[] q = new double[v];
    double max = 0;
    for (double x : p) {
      max = Math.max(max, x);
    }
    for (int w = 0; w < v; w++) {
      q[w] = p[w] > 0 ? Math.pow(p[w] / max, 1 / d.t()) : 0;
    }
    Integer[] order = new Integer[v];
    for (int w = 0; w < v; w++) {
      order[w] = w;
    }
    java.util.Arrays.sort(order, (a, b) -> p[a] != p[b] ? Double.compare(p[b], p[a]) : Integer.compare(a, b));
    double total = 0;
    for (double x : q) {
      total += x;
    }
    boolean[] keep = new boolean[v];
    switch (d.kind()) {
      case SAMPLE -> java.util.Arrays.fill(keep, true);
      case TOP_K -> {
        for (int i = 0; i < d.k() && i < v; i++) {
          keep[order[i]] = true;
        }
      }
      case TOP_P -> {
        double cum = 0;
        for (int i = 0; i < v && cum < d.p() * total; i++) {
          keep[order[i]] = true;
          cum += q[order[i]];
        }
      }
      case GREEDY -> keep[order[0]] = true;
      default -> throw new IllegalArgumentException();
    }
    double kept = 0;
    for (int w = 0; w < v; w++) {
      if (!keep[w]) {
        q[w] = 0;
      }
      kept += q[w];
    }
    for (int w = 0; w < v; w++) {
      q[w] /= kept;
    }
    return q;
  }

  /** Pearson's statistic with cells of expected count below 5 pooled; asserts empty zero-mass cells. */
  static void assertFits(long[] observed, double[] prob, long n) {
    double stat = 0;
    int cells = 0;
    double pooledExp = 0;
    long pooledObs = 0;
    for (int i = 0; i < prob.length; i++) {
      double e = prob[i] * n;
      if (prob[i] == 0) {
        assertEquals(0, observed[i], "drew cell " + i + " of probability 0");
        continue;
      }
      if (e < 5) {
        pooledExp += e;
        pooledObs += observed[i];
        continue;
      }
      stat += (observed[i] - e) * (observed[i] - e) / e;
      cells++;
    }
    if (pooledExp > 0) {
      stat += (pooledObs - pooledExp) * (pooledObs - pooledExp) / pooledExp;
      cells++;
    }
    if (cells < 2) {
      return; // one cell: nothing to test beyond the zero-mass check
    }
    double critical = ChiSquaredDistribution.of(cells - 1).inverseSurvivalProbability(1e-4);
    assertTrue(stat < critical, "chi-square " + stat + " over " + (cells - 1) + " df exceeds " + critical);
  }

  private static void checkNextToken(Decoding d, int[] prompt, long seed) {
    double[] expected = decoded(LM.distribution(prompt), d);
    Sampler s = new Sampler(LM, d);
    UniformRandomProvider rng = RandomStreams.of(seed);
    long[] counts = new long[expected.length];
    for (int i = 0; i < DRAWS; i++) {
      counts[s.continuation(prompt, 1, rng)[0]]++;
    }
    assertFits(counts, expected, DRAWS);
  }

  @Test
  void ancestral_matchesModel() {
    checkNextToken(Decoding.sample(), new int[] {Vocabulary.BOS}, 1);
    checkNextToken(Decoding.sample(), new int[] {id("of"), id("the")}, 2);
    checkNextToken(Decoding.sample(), new int[] {id("the"), id("senate")}, 3); // an unseen pair: backs off
  }

  @Test
  void temperature_matchesTemperedModel() {
    checkNextToken(Decoding.sample(0.7), new int[] {id("of"), id("the")}, 4);
    checkNextToken(Decoding.sample(0.5), new int[] {Vocabulary.BOS}, 5);
    checkNextToken(Decoding.sample(1.6), new int[] {id("the")}, 6);
  }

  @Test
  void topK_matchesTruncatedModel() {
    checkNextToken(Decoding.topK(5, 1.0), new int[] {id("of"), id("the")}, 7);
    checkNextToken(Decoding.topK(40, 0.8), new int[] {Vocabulary.BOS}, 8);
  }

  @Test
  void topP_matchesNucleus() {
    checkNextToken(Decoding.topP(0.9, 1.0), new int[] {id("of"), id("the")}, 9);
    checkNextToken(Decoding.topP(0.5, 0.7), new int[] {Vocabulary.BOS}, 10);
  }

  @Test
  void greedy_isTheArgmax() {
    boolean clear = false;
    for (int v = 3; v < LM.vocabulary().size(); v++) {
      int[] prompt = {v};
      double[] p = LM.distribution(prompt);
      int best = 0;
      double second = 0;
      for (int w = 1; w < p.length; w++) {
        if (p[w] > p[best]) {
          second = p[best];
          best = w;
        } else {
          second = Math.max(second, p[w]);
        }
      }
      assertEquals(best, new Sampler(LM, Decoding.greedy()).continuation(prompt, 1, RandomStreams.of(1))[0]);
      // A temperature near zero concentrates on the argmax too, when it is clear: with p_2 / p_1 ≤ 1/2 the
      // runner-up has tempered weight at most 2^-100 of the argmax's at T = 0.01.
      if (second <= p[best] / 2 && !clear) {
        clear = true;
        Sampler cold = new Sampler(LM, Decoding.sample(0.01));
        UniformRandomProvider rng = RandomStreams.of(2);
        for (int i = 0; i < 200; i++) {
          assertEquals(best, cold.continuation(prompt, 1, rng)[0]);
        }
      }
    }
    assertTrue(clear, "some context has a clear argmax");
  }

  /**
   * Whole sentences from the bigram model of "a b / a b c / b c", at most 2 words: each sentence of 0–2
   * words has probability exp(sentenceLogProb); longer ones are cut at 2 words and pooled.
   */
  @Test
  void sentences_matchSentenceProbabilities() {
    Sentences tiny = TestTexts.sentences("a b\na b c\nb c");
    NgramLm lm = KneserNey.train(tiny, 2);
    List<int[]> outcomes = new ArrayList<>();
    outcomes.add(new int[0]);
    int[] words = {Vocabulary.UNK, 3, 4, 5};
    for (int a : words) {
      outcomes.add(new int[] {a});
      for (int b : words) {
        outcomes.add(new int[] {a, b});
      }
    }
    double[] prob = new double[outcomes.size() + 1];
    Map<String, Integer> index = new HashMap<>();
    double covered = 0;
    for (int i = 0; i < outcomes.size(); i++) {
      prob[i] = Math.exp(lm.sentenceLogProb(outcomes.get(i)));
      covered += prob[i];
      index.put(java.util.Arrays.toString(outcomes.get(i)), i);
    }
    prob[outcomes.size()] = 1 - covered; // sentences cut at the cap
    Sampler s = new Sampler(lm, Decoding.sample());
    UniformRandomProvider rng = RandomStreams.of(99);
    long[] counts = new long[prob.length];
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < DRAWS; i++) {
      int[] x = s.sentence(rng, 2);
      // a 2-word draw is complete only if </s> followed; the sampler does not say, so re-derive:
      seen.merge(java.util.Arrays.toString(x), 1, Integer::sum);
    }
    // P(draw = x) for |x| = 2 is the probability of all sentences starting with x: p(x1|<s>) p(x2|x1)
    for (int i = 0; i < outcomes.size(); i++) {
      int[] x = outcomes.get(i);
      if (x.length == 2) {
        prob[i] = lm.prob(new int[] {Vocabulary.BOS}, x[0]) * lm.prob(new int[] {x[0]}, x[1]);
      }
    }
    double sum = 0;
    for (int i = 0; i < outcomes.size(); i++) {
      sum += prob[i];
    }
    prob[outcomes.size()] = Math.max(0, 1 - sum);
    for (Map.Entry<String, Integer> e : seen.entrySet()) {
      counts[index.get(e.getKey())] += e.getValue();
    }
    assertEquals(0, prob[outcomes.size()], 1e-12, "every draw is one of the enumerated outcomes");
    assertFits(counts, java.util.Arrays.copyOf(prob, outcomes.size()), DRAWS);
  }

  @Test
  void sameSeed_sameText() {
    for (Decoding d : List.of(Decoding.sample(), Decoding.sample(0.7), Decoding.topK(10, 1.0),
        Decoding.topP(0.9, 0.7))) {
      Sampler s = new Sampler(LM, d);
      Sentences a = s.sentences(50, 40, RandomStreams.of(5));
      Sentences b = new Sampler(LM, d).sentences(50, 40, RandomStreams.of(5));
      assertEquals(a, b, d.toString());
      for (int[] x : a.sentences()) {
        assertTrue(x.length <= 40);
        for (int w : x) {
          assertTrue(w != Vocabulary.BOS && w != Vocabulary.EOS);
        }
      }
    }
  }

  @Test
  void continuation_spansSentences() {
    int[] c = new Sampler(LM, Decoding.sample()).continuation(new int[] {Vocabulary.BOS}, 300, RandomStreams.of(3));
    assertEquals(300, c.length);
    assertTrue(java.util.Arrays.stream(c).anyMatch(w -> w == Vocabulary.EOS), "300 tokens cross a sentence end");
  }

  @Test
  void decoding_validatesAndNamesTheField() {
    assertEquals("model.decoding.p: must be in (0.0, 1.0], got 1.5",
        assertThrows(SpecException.class, () -> Decoding.topP(1.5, 1)).getMessage());
    assertEquals("model.decoding.k: must be at least 1, got 0",
        assertThrows(SpecException.class, () -> Decoding.topK(0, 1)).getMessage());
    assertEquals("model.decoding.temperature: must be positive, got 0.0",
        assertThrows(SpecException.class, () -> Decoding.sample(0)).getMessage());
    assertEquals("model.decoding.method: unknown method 'nucleus'; expected one of sample, top-k, top-p, greedy, beam",
        assertThrows(SpecException.class, () -> new Decoding("nucleus", null, 0.9, null, null)).getMessage());
    assertEquals("model.decoding.k: is not allowed here: only method top-k uses it",
        assertThrows(SpecException.class, () -> new Decoding("top-p", 5, 0.9, null, null)).getMessage());
    assertEquals("model.decoding.temperature: is not allowed here: beam is deterministic",
        assertThrows(SpecException.class, () -> new Decoding("beam", null, null, 0.7, 5)).getMessage());
    assertEquals(5, new Decoding("beam", null, null, null, null).width());
    assertEquals(1.0, new Decoding("top-p", null, 0.9, null, null).temperature());
  }
}
