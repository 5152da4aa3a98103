package org.tailguard.watermark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.tailguard.random.RandomStreams;
import org.tailguard.text.lm.KneserNey;
import org.tailguard.text.lm.NgramLm;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/**
 * Embedding draws from the law each paper defines, checked by Pearson chi-square tests on 20,000 draws
 * (cells with expected count below 5 pooled), rejected at significance 1e-4; fixed seeds, so the outcomes
 * are deterministic, and a correct sampler fails each test with probability 1e-4:
 * KGW p(v)e^{δ[v green]} / Z for the green list recomputed from the PRF; EXP and SynthID distributed as p
 * over random keys (their distortion-free property); SynthID's closed form against a literal tournament
 * over 2^m candidates.
 */
class EmbeddingTest {
  private static final String[] CORPUS = {
      "the people of the united states", "the congress of the united states", "we the people",
      "the state of the union is strong", "the people and the congress", "we shall meet the test",
      "the union of the states", "the nation is strong and the people are free", "we are free",
      "the states and the nation", "a strong union of free states", "the test of a free people"};
  private static final NgramLm LM;

  static {
    List<String[]> s = new ArrayList<>();
    for (String line : CORPUS) {
      s.add(line.split(" "));
    }
    Vocabulary v = Vocabulary.build(s, 1);
    int[][] ids = s.stream().map(v::encode).toArray(int[][]::new);
    LM = KneserNey.train(new Sentences(v, ids), 3);
  }

  private static final int DRAWS = 20_000;
  private static final int[] HISTORY = ids("we the people of the");

  private static int[] ids(String words) {
    return LM.vocabulary().encode(words.split(" "));
  }

  /** A step after HISTORY with the model's next-word weights in sentence context "of the". */
  private static Scheme.Step step(UniformRandomProvider rng) {
    Scheme.Step s = new Scheme.Step(LM.vocabulary().size());
    LM.distribution(ids("of the"), s.w);
    s.w[Vocabulary.UNK] = 0;
    s.w[Vocabulary.BOS] = 0;
    for (int w : HISTORY) {
      s.append(w);
    }
    s.rng = rng;
    s.prepare();
    return s;
  }

  /** Pearson's chi-square p-value of counts against probabilities (normalised here), pooling small cells. */
  static double chiSquareP(long[] counts, double[] probs) {
    double total = Arrays.stream(probs).sum();
    long n = Arrays.stream(counts).sum();
    double stat = 0;
    int cells = 0;
    double poolE = 0;
    long poolO = 0;
    for (int i = 0; i < counts.length; i++) {
      double e = n * probs[i] / total;
      if (e < 5) {
        poolE += e;
        poolO += counts[i];
        assertTrue(probs[i] > 0 || counts[i] == 0, "drew id " + i + " of probability 0");
        continue;
      }
      stat += (counts[i] - e) * (counts[i] - e) / e;
      cells++;
    }
    if (poolE > 0) {
      stat += (poolO - poolE) * (poolO - poolE) / poolE;
      cells++;
    }
    return ChiSquaredDistribution.of(cells - 1).survivalProbability(stat);
  }

  private static double[] kgwLaw(KgwSpec spec, WatermarkKey key, double[] w) {
    Prf prf = new Prf(key);
    long t = Prf.threshold(spec.gamma());
    double[] q = new double[w.length];
    for (int v = 0; v < w.length; v++) {
      long seed;
      if (spec.hash() == ContextHash.SELF_HASH) {
        int[] c = GoldenTest.ctx(HISTORY, HISTORY.length, spec.context() - 1);
        seed = Prf.draw(prf.seed('S', v), v);
        for (int a : c) {
          long s = Prf.draw(prf.seed('S', a), v);
          seed = Long.compareUnsigned(s, seed) < 0 ? s : seed;
        }
      } else {
        seed = prf.seed('K', GoldenTest.ctx(HISTORY, HISTORY.length, spec.context()));
      }
      q[v] = w[v] * (Prf.below(Prf.draw(seed, v), t) ? Math.exp(spec.delta()) : 1);
    }
    return q;
  }

  @Test
  void kgw_drawsFromTheBiasedLaw() {
    WatermarkKey key = WatermarkKey.of("embedding");
    // δ = 9 forces the exact fallback whenever the green mass is small: the mixture must stay exact
    for (KgwSpec spec : List.of(KgwSpec.defaults(), KgwSpec.selfHash(), new KgwSpec(0.5, 9.0, 2, null, null))) {
      Scheme.Embedder e = ((Scheme) Watermark.of(spec, key, LM.vocabulary())).embedder();
      Scheme.Step s = step(RandomStreams.of(1));
      long[] counts = new long[s.w.length];
      for (int i = 0; i < DRAWS; i++) {
        counts[e.choose(s)]++;
      }
      double p = chiSquareP(counts, kgwLaw(spec, key, s.w));
      assertTrue(p > 1e-4, spec.name() + " chi-square p " + p);
    }
  }

  @Test
  void exp_choosesTheExponentialMinimum() {
    Scheme.Step s = step(RandomStreams.of(2));
    for (int k = 0; k < 50; k++) {
      WatermarkKey key = WatermarkKey.random(RandomStreams.of(100 + k));
      Exp exp = (Exp) Watermark.of(ExpSpec.defaults(), key, LM.vocabulary());
      long seed = new Prf(key).seed('E', GoldenTest.ctx(HISTORY, HISTORY.length, 4));
      int best = -1;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int v = 0; v < s.w.length; v++) {
        if (s.w[v] > 0) {
          double score = Math.log(Prf.unit(Prf.draw(seed, v))) / s.w[v]; // log of r^{1/p}
          if (score > bestScore) {
            bestScore = score;
            best = v;
          }
        }
      }
      assertEquals(best, exp.embedder().choose(s));
    }
  }

  @Test
  void exp_isDistortionFreeOverKeys() {
    UniformRandomProvider keys = RandomStreams.of(3);
    Scheme.Step s = step(RandomStreams.of(4));
    long[] counts = new long[s.w.length];
    for (int i = 0; i < DRAWS; i++) {
      counts[((Scheme) Watermark.of(ExpSpec.defaults(), WatermarkKey.random(keys), LM.vocabulary())).embedder().choose(s)]++;
    }
    double p = chiSquareP(counts, s.w);
    assertTrue(p > 1e-4, "chi-square p " + p);
  }

  @Test
  void synthid_isDistortionFreeOverKeys() {
    UniformRandomProvider keys = RandomStreams.of(5);
    Scheme.Step s = step(RandomStreams.of(6));
    long[] counts = new long[s.w.length];
    for (int i = 0; i < DRAWS; i++) {
      counts[((Scheme) Watermark.of(SynthIdSpec.defaults(), WatermarkKey.random(keys), LM.vocabulary())).embedder().choose(s)]++;
    }
    double p = chiSquareP(counts, s.w);
    assertTrue(p > 1e-4, "chi-square p " + p);
  }

  /**
   * The closed form p_l = p_{l−1}(1 + g_l − E[g_l]) against the tournament it stands for: 2^m = 8 candidates
   * drawn from p, paired up layer by layer, the larger g_l winning and ties broken by a fair coin.
   */
  @Test
  void synthid_closedFormIsTheLiteralTournament() {
    int m = 3;
    WatermarkKey key = WatermarkKey.of("tournament");
    SynthIdSpec spec = new SynthIdSpec(m, 4, 1024);
    SynthId sid = (SynthId) Watermark.of(spec, key, LM.vocabulary());
    UniformRandomProvider rng = RandomStreams.of(7);
    Scheme.Step s = step(rng);
    long seed = new Prf(key).seed('G', GoldenTest.ctx(HISTORY, HISTORY.length, 4));
    int vs = s.w.length;
    long[] literal = new long[vs];
    int[] cand = new int[1 << m];
    for (int i = 0; i < DRAWS; i++) {
      for (int c = 0; c < cand.length; c++) {
        cand[c] = s.sample();
      }
      for (int l = 0, n = cand.length; l < m; l++, n /= 2) {
        for (int j = 0; j < n / 2; j++) {
          int a = cand[2 * j];
          int b = cand[2 * j + 1];
          long ga = (Prf.draw(seed, a) >>> l) & 1;
          long gb = (Prf.draw(seed, b) >>> l) & 1;
          cand[j] = ga > gb ? a : gb > ga ? b : rng.nextBoolean() ? a : b;
        }
      }
      literal[cand[0]]++;
    }
    int[] all = new int[vs];
    double[] q = new double[vs];
    long[] bits = new long[vs];
    for (int v = 0; v < vs; v++) {
      all[v] = v;
      q[v] = s.w[v];
      bits[v] = Prf.draw(seed, v);
    }
    SynthId.tournament(q, bits, vs, m);
    assertEquals(1, Arrays.stream(q).sum(), 1e-12);
    double p = chiSquareP(literal, q);
    assertTrue(p > 1e-4, "literal vs closed form, chi-square p " + p);
    // and the embedder samples that closed form
    long[] embedded = new long[vs];
    Scheme.Embedder e = sid.embedder();
    for (int i = 0; i < DRAWS; i++) {
      e.reset();
      embedded[e.choose(s)]++;
    }
    double p2 = chiSquareP(embedded, q);
    assertTrue(p2 > 1e-4, "embedder vs closed form, chi-square p " + p2);
  }

  @Test
  void topK_matchesSorting() {
    qt().withFixedSeed(8).withExamples(300)
        .forAll(lists().of(integers().between(0, 40)).ofSizeBetween(1, 300), integers().between(1, 64))
        .check((values, k) -> {
          double[] w = values.stream().mapToDouble(x -> x == 0 ? 0 : Math.pow(1.7, x % 20) / (1 + x / 20)).toArray();
          SynthId.TopK top = new SynthId.TopK(k);
          int n = top.select(w);
          int[] got = Arrays.copyOf(top.ids, n);
          Arrays.sort(got);
          Integer[] order = new Integer[w.length];
          for (int i = 0; i < w.length; i++) {
            order[i] = i;
          }
          Arrays.sort(order, (a, b) -> w[a] != w[b] ? Double.compare(w[b], w[a]) : Integer.compare(a, b));
          int positive = (int) Arrays.stream(w).filter(x -> x > 0).count();
          int[] want = Arrays.stream(order).limit(Math.min(k, positive)).mapToInt(Integer::intValue).sorted().toArray();
          return Arrays.equals(got, want);
        });
  }

  @Test
  void sampler_isDeterministicAndWritesOnlyRealWords() {
    for (String name : WatermarkSpec.names()) {
      Watermark wm = Watermark.of(WatermarkSpec.named("w", name), WatermarkKey.of("sampler"), LM.vocabulary());
      WatermarkSampler a = new WatermarkSampler(LM, wm);
      int[] x = a.tokens(60, RandomStreams.of(9));
      int[] y = new WatermarkSampler(LM, wm).tokens(60, RandomStreams.of(9));
      assertArrayEquals(x, y, name);
      assertEquals(60, x.length);
      assertTrue(Arrays.stream(x).allMatch(v -> v > Vocabulary.EOS), name + " wrote a special token");
      Sentences doc = a.document(60, RandomStreams.of(9));
      assertArrayEquals(x, Arrays.stream(doc.sentences()).flatMapToInt(Arrays::stream).toArray(), name);
      assertTrue(Arrays.stream(doc.sentences()).allMatch(sentence -> sentence.length > 0));
      String text = String.join(" ", LM.vocabulary().decode(x));
      assertArrayEquals(x, TextTokens.of(text, LM.vocabulary()).ids(), name + " round trip through text");
    }
  }

  @Test
  void sampler_rejectsAnotherVocabulary() {
    Vocabulary other = Vocabulary.of(List.of("x", "y"));
    Watermark wm = Watermark.of(KgwSpec.defaults(), WatermarkKey.of("k"), other);
    assertThrows(IllegalArgumentException.class, () -> new WatermarkSampler(LM, wm));
    assertThrows(IllegalArgumentException.class, () -> wm.detect(new int[] {7}));
  }
}
