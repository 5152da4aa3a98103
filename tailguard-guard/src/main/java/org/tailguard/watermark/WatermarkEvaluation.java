package org.tailguard.watermark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.hipparchus.distribution.continuous.UniformRealDistribution;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;
import org.tailguard.random.RandomStreams;
import org.tailguard.spec.Check;
import org.tailguard.spec.SpecException;
import org.tailguard.text.corpus.Split;
import org.tailguard.text.lm.KneserNey;
import org.tailguard.text.lm.NgramLm;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.TokenizedCorpus;
import org.tailguard.text.token.Vocabulary;

/**
 * The watermark schemes measured on our own models and held-out human text, with thresholds that follow
 * from the p-value (a text is flagged when p ≤ α), never set by hand.
 *
 * <ul>
 *   <li><b>Null uniformity</b>: human texts of 50–200 tokens (consecutive sentences of held-out splits in two
 *       domains, encoded with the model's vocabulary) are tested with a fresh key each, and the randomised
 *       p-values ({@link NullModel#randomizedPValue}) are compared with U(0, 1) by a Kolmogorov–Smirnov test
 *       (Hipparchus). The same texts under one fixed key show what a deployed key does, and the share of them
 *       flagged at α is the empirical false-positive rate.</li>
 *   <li><b>Power</b>: documents of {@code tokens} words written by a Kneser–Ney trigram with the watermark
 *       (a fresh key each), detected at α; then again after {@link Substitution} of a share of their words,
 *       drawn from the same model without the watermark (the "30% synonym substitution").</li>
 * </ul>
 * Every draw comes from {@link RandomStreams} of the seed, per text, so results do not depend on the thread
 * count.
 */
public final class WatermarkEvaluation {
  private WatermarkEvaluation() {}

  /**
   * The settings.
   *
   * @param schemes preset names ({@link WatermarkSpec#named}); default all
   * @param train the model's training split (default sotu:train)
   * @param human the held-out human splits (default brown:test and sotu:test)
   * @param watermarkedTexts documents written per scheme (default 1,000)
   * @param tokens words per document (default 200)
   * @param substitution the share of words the attack replaces, in [0, 1] (default 0.3)
   * @param alpha the target false-positive rate (default 1e-4)
   * @param seed the seed of every stream (default 1)
   */
  public record Config(List<String> schemes, String train, List<String> human, Integer watermarkedTexts,
      Integer tokens, Double substitution, Double alpha, Long seed) {
    public Config {
      schemes = List.copyOf(schemes == null ? WatermarkSpec.names() : schemes);
      schemes.forEach(s -> WatermarkSpec.named("evaluation.schemes", s));
      train = train == null ? "sotu:train" : train;
      human = List.copyOf(human == null ? List.of("brown:test", "sotu:test") : human);
      watermarkedTexts = Check.atLeast("evaluation.watermarked_texts", watermarkedTexts == null ? 1000 : watermarkedTexts, 1);
      tokens = Check.atLeast("evaluation.tokens", tokens == null ? 200 : tokens, 1);
      substitution = substitution == null ? 0.3 : substitution;
      if (!(substitution >= 0 && substitution <= 1)) {
        throw new SpecException("evaluation.substitution", "must be in [0, 1], got " + substitution);
      }
      alpha = Check.inHalfOpen("evaluation.alpha", alpha == null ? 1e-4 : alpha, 0, 1);
      seed = seed == null ? 1L : seed;
    }

    public static Config defaults() {
      return new Config(null, null, null, null, null, null, null, null);
    }
  }

  /**
   * The null behaviour of one scheme on human texts.
   *
   * @param scheme the preset name
   * @param texts the human texts tested
   * @param ksRandomKeys the KS p-value of the randomised p-values, one fresh key per text
   * @param ksFixedKey the same under one key for all texts
   * @param ksStatisticFixedKey the KS distance D under the fixed key
   * @param flagged the texts with p ≤ α under the fixed key
   * @param flaggedAtOnePercent the texts with p ≤ 0.01 under the fixed key
   * @param conservative whether, with fresh keys, P(p ≤ a) ≤ a + 3 standard errors at a = 0.01, 0.05, 0.1
   */
  public record NullResult(String scheme, int texts, double ksRandomKeys, double ksFixedKey,
      double ksStatisticFixedKey, int flagged, int flaggedAtOnePercent, boolean conservative) {}

  /**
   * The power of one scheme.
   *
   * @param scheme the preset name
   * @param texts the watermarked documents
   * @param detected those with p ≤ α
   * @param detectedAttacked those with p ≤ α after substitution
   * @param medianZ the median z-score, clean
   * @param medianZAttacked the median z-score after substitution
   */
  public record PowerResult(String scheme, int texts, int detected, int detectedAttacked, double medianZ,
      double medianZAttacked) {
    public double tpr() {
      return (double) detected / texts;
    }

    public double tprAttacked() {
      return (double) detectedAttacked / texts;
    }
  }

  /** Consecutive words of the sentences cut into texts of uniform length in [min, max]; the tail is dropped. */
  public static List<int[]> chunks(Sentences s, int min, int max, UniformRandomProvider rng) {
    int[] flat = new int[Math.toIntExact(s.tokens())];
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
      out.add(Arrays.copyOfRange(flat, from, from + len));
      from += len;
    }
  }

  /** Human texts of 50–200 words from the splits, encoded with the vocabulary. */
  public static List<int[]> humanTexts(List<String> splits, Vocabulary vocabulary, long seed) {
    UniformRandomProvider rng = RandomStreams.derive(seed, 0, 0, RandomStreams.Purpose.REAL);
    List<int[]> out = new ArrayList<>();
    for (String split : splits) {
      out.addAll(chunks(TokenizedCorpus.of(Split.parse("evaluation.human", split)).encode(vocabulary), 50, 200, rng));
    }
    return out;
  }

  /** Null uniformity of one scheme over the texts (see the class comment). */
  public static NullResult nullUniformity(WatermarkSpec spec, Vocabulary vocabulary, List<int[]> texts, double alpha,
      long seed) {
    int n = texts.size();
    double[] fresh = new double[n];
    double[] freshExact = new double[n];
    double[] fixed = new double[n];
    int[] flagged = new int[n];
    int[] flagged01 = new int[n];
    Watermark fixedKey = Watermark.of(spec, WatermarkKey.random(RandomStreams.derive(seed, -2, 0,
        RandomStreams.Purpose.FIT)), vocabulary);
    IntStream.range(0, n).parallel().forEach(i -> {
      UniformRandomProvider rng = RandomStreams.derive(seed, i, 0, RandomStreams.Purpose.METRIC);
      Watermark wm = Watermark.of(spec, WatermarkKey.random(rng), vocabulary);
      Detection d = wm.detect(texts.get(i));
      TokenScores s = fixedKey.score(texts.get(i));
      Detection f = s.detection();
      NullModel m = s.nullModel();
      fresh[i] = m.randomizedPValue(d.statistic(), d.scored(), rng.nextDouble());
      freshExact[i] = d.pValue();
      fixed[i] = m.randomizedPValue(f.statistic(), f.scored(), rng.nextDouble());
      flagged[i] = f.pValue() <= alpha ? 1 : 0;
      flagged01[i] = f.pValue() <= 0.01 ? 1 : 0;
    });
    KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
    UniformRealDistribution u = new UniformRealDistribution(0, 1);
    boolean conservative = true;
    for (double a : new double[] {0.01, 0.05, 0.1}) {
      long below = Arrays.stream(freshExact).filter(p -> p <= a).count();
      conservative &= below <= n * a + 3 * Math.sqrt(n * a * (1 - a));
    }
    return new NullResult(spec.name(), n, ks.kolmogorovSmirnovTest(u, fresh), ks.kolmogorovSmirnovTest(u, fixed),
        ks.kolmogorovSmirnovStatistic(u, fixed), Arrays.stream(flagged).sum(), Arrays.stream(flagged01).sum(),
        conservative);
  }

  /**
   * The power of one scheme: watermarked documents detected at α, clean and attacked. Each document has its
   * own key, so the rates average over keys; under one fixed key they vary from key to key (Unigram's and the
   * min-hashes' most, since their seeds hang on single frequent words).
   */
  public static PowerResult power(WatermarkSpec spec, NgramLm lm, int texts, int tokens, double substitution,
      double alpha, long seed) {
    Substitution attack = new Substitution(lm);
    double[] z = new double[texts];
    double[] za = new double[texts];
    int[] hit = new int[texts];
    int[] hitAttacked = new int[texts];
    IntStream.range(0, texts).parallel().forEach(i -> {
      Watermark wm = Watermark.of(spec, WatermarkKey.random(RandomStreams.derive(seed, i, 0,
          RandomStreams.Purpose.FIT)), lm.vocabulary());
      int[] doc = new WatermarkSampler(lm, wm).tokens(tokens, RandomStreams.derive(seed, i, 0,
          RandomStreams.Purpose.SAMPLE));
      Detection d = wm.detect(doc);
      int[] attacked = attack.attack(doc, lm.vocabulary(), substitution,
          RandomStreams.derive(seed, i, 0, RandomStreams.Purpose.WORKFLOW));
      Detection a = wm.detect(attacked);
      z[i] = d.z();
      za[i] = a.z();
      hit[i] = d.flagged(alpha) ? 1 : 0;
      hitAttacked[i] = a.flagged(alpha) ? 1 : 0;
    });
    return new PowerResult(spec.name(), texts, Arrays.stream(hit).sum(), Arrays.stream(hitAttacked).sum(),
        median(z), median(za));
  }

  /** The full evaluation, printed as Markdown tables. */
  public static void run(Config c, PrintStream out) {
    long t0 = System.nanoTime();
    TokenizedCorpus tc = TokenizedCorpus.of(Split.parse("evaluation.train", c.train()));
    Vocabulary v = tc.vocabulary(2);
    NgramLm lm = KneserNey.train(tc.encode(v), 3);
    List<int[]> human = humanTexts(c.human(), v, c.seed());
    out.printf(Locale.ROOT, "Trigram on %s (%,d words, vocabulary %,d); %,d human texts of 50-200 words from %s; "
        + "alpha = %.0e; seed %d%n%n", c.train(), tc.tokens(), v.size(), human.size(), String.join(" + ", c.human()),
        c.alpha(), c.seed());
    out.println("| scheme | KS p, fresh key per text | exact p conservative | KS p, one key | KS D, one key "
        + "| flagged at p <= 0.01, one key | flagged at alpha, one key | TPR clean | median z | TPR after " + Math.round(100 * c.substitution())
        + "% substitution | median z |");
    out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    for (String name : c.schemes()) {
      WatermarkSpec spec = WatermarkSpec.named("evaluation.schemes", name);
      NullResult nr = nullUniformity(spec, v, human, c.alpha(), c.seed());
      PowerResult pr = power(spec, lm, c.watermarkedTexts(), c.tokens(), c.substitution(), c.alpha(), c.seed());
      out.printf(Locale.ROOT, "| %s | %.3f | %s | %.3g | %.4f | %d | %d | %d / %d (%.2f%%) | %.1f | %d / %d (%.2f%%) | %.1f |%n",
          name, nr.ksRandomKeys(), nr.conservative() ? "yes" : "NO", nr.ksFixedKey(), nr.ksStatisticFixedKey(),
          nr.flaggedAtOnePercent(), nr.flagged(), pr.detected(), pr.texts(), 100 * pr.tpr(), pr.medianZ(),
          pr.detectedAttacked(), pr.texts(), 100 * pr.tprAttacked(), pr.medianZAttacked());
      out.flush();
    }
    out.printf(Locale.ROOT, "%n(%.0f s)%n", (System.nanoTime() - t0) / 1e9);
  }

  /** Usage: {@code WatermarkEvaluation [watermarkedTexts [tokens]]}. */
  public static void main(String[] args) {
    Integer texts = args.length > 0 ? Integer.valueOf(args[0]) : null;
    Integer tokens = args.length > 1 ? Integer.valueOf(args[1]) : null;
    run(new Config(null, null, null, texts, tokens, null, null, null), System.out);
  }

  private static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    int n = s.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
