package org.tailguard.text.lab;

import java.io.DataInput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.models.Indicator;
import org.tailguard.models.ModelFamily;
import org.tailguard.models.Observation;
import org.tailguard.models.Subsets;
import org.tailguard.text.indicators.Compression;
import org.tailguard.text.indicators.Coverage;
import org.tailguard.text.indicators.Documents;
import org.tailguard.text.indicators.Duplicates;
import org.tailguard.text.indicators.Lexical;
import org.tailguard.text.indicators.LogHistogram;
import org.tailguard.text.indicators.RankFrequency;
import org.tailguard.text.indicators.SelfBleu;
import org.tailguard.text.lm.KneserNey;
import org.tailguard.text.lm.NgramLm;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/**
 * The n-gram language model as a model family of the lab: real sentences from a bundled corpus, a
 * Kneser–Ney fit, sampled corpora, and the text collapse indicators per generation.
 *
 * <p>Reproduces the recursive n-gram experiment of Suresh et al. (arXiv 2412.17646, {@code ngram_sim}) and,
 * with beam decoding and prompts, the decoding protocol of Shumailov et al. (Nature 2024). Indicators come
 * in three groups: the generation's training <em>data</em> (types, held-out coverage, tail mass, Zipf
 * slope), the model's <em>output</em> (a probe of {@code probe_sentences} sentences: unique-n at a fixed
 * sample, distinct-2, Self-BLEU, duplicates, compression, entropy, perplexity under generation 0), and
 * <em>fidelity</em> (perplexity on real held-out text). The indicators {@code ppl_gen0_bin_00} ..
 * {@code ppl_gen0_bin_50} record, per generation, the histogram of the probe's sentence perplexities under
 * generation 0 over {@link #PPL0_HISTOGRAM}'s fixed log bins (Shumailov et al., Fig. 1 left); the report
 * draws them as overlaid histograms. They are recorded by default: they come from the same sentence
 * perplexities as {@code ppl_gen0_median}, so they cost nothing more to measure.
 */
public final class NGramFamily implements ModelFamily<TextData, NGramFit> {
  static final int TYPES = 0;
  static final int HELDOUT_TYPES = 1;
  static final int HELDOUT_BIGRAMS = 2;
  static final int TAIL_MASS = 3;
  static final int ZIPF = 4;
  static final int UNIQUE_1 = 5;
  static final int UNIQUE_MEAN = 6;
  static final int DISTINCT_2 = 7;
  static final int SELF_BLEU = 8;
  static final int DUPLICATES = 9;
  static final int COMPRESSION = 10;
  static final int ENTROPY = 11;
  static final int LENGTH = 12;
  static final int PPL0_P10 = 13;
  static final int PPL0_MEDIAN = 14;
  static final int PPL0_P90 = 15;
  static final int OBSERVER_PPL = 16;
  static final int HELDOUT_PPL = 17;
  /** The first of the histogram bins of probe perplexity under generation 0, {@code ppl_gen0_bin_00}.. */
  static final int PPL0_BIN_FIRST = 18;
  /**
   * The bins of that histogram: 10 per decade from perplexity 1 to 10^5, then [10^5, ∞). Fixed, so that all
   * chains, generations and runs share them; five decades hold every sentence of real SOTU and Brown
   * held-out text under a generation-0 trigram (the largest sentence perplexity measured was about 3·10^4).
   */
  public static final LogHistogram PPL0_HISTOGRAM = new LogHistogram(10, 5);
  /** Tail mass is measured beyond this rank of the training data's unigram distribution. */
  static final int TAIL_RANK = 1000;
  /** Unique-n draws this many n-grams per order from the probe (length control, Guo et al. 2024). */
  static final int UNIQUE_SAMPLE = 20_000;

  private final NGramSpec spec;
  private final CorpusCache.Prepared data;
  private final List<Indicator> indicators = withHistogram(
      Indicator.log("types", "distinct word types in the generation's training corpus"),
      Indicator.of("heldout_type_coverage", "share of the held-out split's word types present in the training corpus"),
      Indicator.of("heldout_bigram_coverage", "share of the held-out split's bigrams present in the training corpus"),
      Indicator.of("tail_mass", "unigram mass of the training corpus beyond its " + TAIL_RANK + " most frequent words"),
      Indicator.of("zipf_slope", "least-squares slope of log frequency on log rank of the training corpus"),
      Indicator.of("unique_1", "distinct/sampled words in " + UNIQUE_SAMPLE + " words drawn from the model's probe "
          + "(Guo et al. 2024, length-controlled)"),
      Indicator.of("unique_mean", "unique-n averaged over n = 1..3, " + UNIQUE_SAMPLE + " n-grams per order (Guo et al.)"),
      Indicator.of("distinct_2", "distinct bigrams / bigrams in the probe"),
      Indicator.of("self_bleu", "Self-BLEU of the probe's first 500 sentences, Texygen settings (n=3, method1)"),
      Indicator.of("duplicate_rate", "share of probe sentences that repeat an earlier one exactly"),
      Indicator.of("compression_ratio", "raw bytes / gzip bytes of the probe (Shaib et al.)"),
      Indicator.of("entropy_1", "unigram entropy of the probe, nats"),
      Indicator.of("mean_length", "mean words per probe sentence"),
      Indicator.log("ppl_gen0_p10", "10th percentile over probe sentences of their perplexity under generation 0"),
      Indicator.log("ppl_gen0_median", "median perplexity of probe sentences under the generation-0 model "
          + "(Shumailov et al. Fig. 1 left)"),
      Indicator.log("ppl_gen0_p90", "90th percentile of probe-sentence perplexity under generation 0: the long tail"),
      Indicator.log("observer_ppl", "median perplexity of probe sentences under an independent observer: a "
          + "Kneser–Ney trigram trained on another bundled corpus (model.observer)"),
      Indicator.log("heldout_ppl", "perplexity of the generation's model on the real held-out split"));

  /** The fixed indicators, then one indicator per bin of {@link #PPL0_HISTOGRAM}. */
  private static List<Indicator> withHistogram(Indicator... fixed) {
    List<Indicator> all = new ArrayList<>(List.of(fixed));
    for (int b = 0; b < PPL0_HISTOGRAM.bins(); b++) {
      all.add(Indicator.of(binName(b), "Shumailov et al. Fig. 1 left: share of probe sentences by their "
          + "perplexity under generation 0, bin " + PPL0_HISTOGRAM.interval(b)));
    }
    return List.copyOf(all);
  }

  /** The name of histogram bin b: {@code ppl_gen0_bin_00}, {@code ppl_gen0_bin_01}, ... */
  static String binName(int b) {
    return String.format(java.util.Locale.ROOT, "ppl_gen0_bin_%02d", b);
  }

  public NGramFamily(NGramSpec spec) {
    this.spec = spec;
    this.data = CorpusCache.prepare(spec);
  }

  @Override
  public String name() {
    return "ngram";
  }

  /** The real training split, encoded. */
  public Sentences training() {
    return data.train();
  }

  /** The held-out split, encoded with the training vocabulary. */
  public Sentences heldOut() {
    return data.heldOut();
  }

  /** {@code n} sentences of the training split drawn without replacement (all of them when n is its size). */
  @Override
  public TextData real(int n, UniformRandomProvider rng) {
    int[][] all = data.train().sentences();
    if (n > all.length) {
      throw new org.tailguard.spec.SpecException("workflow.samples", spec.corpus() + " has " + all.length
          + " sentences; cannot draw " + n);
    }
    int[] idx = Subsets.firstOfShuffle(all.length, n, rng);
    int[][] out = new int[n][];
    for (int i = 0; i < n; i++) {
      out[i] = all[idx[i]];
    }
    return new TextData(data.train().vocabulary(), out);
  }

  @Override
  public NGramFit fit(TextData train, UniformRandomProvider rng) {
    return new NGramFit(KneserNey.train(train.sentences(), spec.order()), train, spec);
  }

  @Override
  public List<Indicator> indicators() {
    return indicators;
  }

  @Override
  public void measure(Observation<TextData, NGramFit> o, double[] out) {
    Sentences train = o.train().sentences();
    if (o.wants(TYPES)) {
      out[TYPES] = RankFrequency.rankedCounts(train).length;
    }
    if (o.wants(HELDOUT_TYPES)) {
      out[HELDOUT_TYPES] = Coverage.missingTypes(data.heldOut(), train).covered();
    }
    if (o.wants(HELDOUT_BIGRAMS)) {
      out[HELDOUT_BIGRAMS] = Coverage.missingNGrams(data.heldOut(), train, 2).covered();
    }
    if (o.wants(TAIL_MASS)) {
      out[TAIL_MASS] = RankFrequency.tailMassBeyondRank(train, TAIL_RANK);
    }
    if (o.wants(ZIPF)) {
      out[ZIPF] = RankFrequency.zipf(train).slope();
    }
    boolean output = false;
    for (int i = UNIQUE_1; i <= OBSERVER_PPL; i++) {
      output |= o.wants(i);
    }
    output |= wantsHistogram(o);
    if (output) {
      Sentences probe = o.model().sample(spec.probeSentences(), 1.0, o.rng()).sentences();
      measureOutput(o, probe, out);
    }
    if (o.wants(HELDOUT_PPL)) {
      out[HELDOUT_PPL] = o.model().lm().perplexity(data.heldOut()).perplexity();
    }
  }

  private void measureOutput(Observation<TextData, NGramFit> o, Sentences probe, double[] out) {
    if (o.wants(UNIQUE_1) || o.wants(UNIQUE_MEAN)) {
      Lexical.UniqueN u = Lexical.uniqueN(probe, 3, UNIQUE_SAMPLE, o.rng());
      out[UNIQUE_1] = u.byOrder()[0];
      out[UNIQUE_MEAN] = u.mean();
    }
    if (o.wants(DISTINCT_2)) {
      out[DISTINCT_2] = Lexical.distinctN(probe, 2);
    }
    if (o.wants(SELF_BLEU)) {
      out[SELF_BLEU] = SelfBleu.texygenFast(probe);
    }
    if (o.wants(DUPLICATES)) {
      out[DUPLICATES] = Duplicates.exactRate(Documents.perSentence(probe));
    }
    if (o.wants(COMPRESSION)) {
      out[COMPRESSION] = Compression.gzipRatio(probe);
    }
    if (o.wants(ENTROPY)) {
      out[ENTROPY] = Lexical.unigramEntropy(probe);
    }
    if (o.wants(LENGTH)) {
      out[LENGTH] = (double) probe.tokens() / probe.size();
    }
    if (o.wants(PPL0_P10) || o.wants(PPL0_MEDIAN) || o.wants(PPL0_P90) || wantsHistogram(o)) {
      double[] ppl = sentencePerplexities(o.first().lm(), probe);
      Arrays.sort(ppl);
      out[PPL0_P10] = org.tailguard.metrics.Summary.quantileSorted(ppl, 0.1);
      out[PPL0_MEDIAN] = org.tailguard.metrics.Summary.quantileSorted(ppl, 0.5);
      out[PPL0_P90] = org.tailguard.metrics.Summary.quantileSorted(ppl, 0.9);
      double[] shares = PPL0_HISTOGRAM.shares(ppl);
      System.arraycopy(shares, 0, out, PPL0_BIN_FIRST, shares.length);
    }
    if (o.wants(OBSERVER_PPL)) {
      int[][] mapped = new int[probe.size()][];
      for (int i = 0; i < mapped.length; i++) {
        int[] src = probe.sentences()[i];
        mapped[i] = new int[src.length];
        for (int j = 0; j < src.length; j++) {
          mapped[i][j] = data.toObserver()[src[j]];
        }
      }
      double[] ppl = sentencePerplexities(data.observer(), new Sentences(data.observer().vocabulary(), mapped));
      Arrays.sort(ppl);
      out[OBSERVER_PPL] = org.tailguard.metrics.Summary.quantileSorted(ppl, 0.5);
    }
  }

  private static boolean wantsHistogram(Observation<TextData, NGramFit> o) {
    for (int b = 0; b < PPL0_HISTOGRAM.bins(); b++) {
      if (o.wants(PPL0_BIN_FIRST + b)) {
        return true;
      }
    }
    return false;
  }

  /** Each sentence's perplexity exp(−ln p(w₁..wₘ &lt;/s&gt;)/(m+1)) under a model. */
  public static double[] sentencePerplexities(NgramLm lm, Sentences s) {
    double[] out = new double[s.size()];
    for (int i = 0; i < out.length; i++) {
      int[] sent = s.sentences()[i];
      out[i] = Math.exp(-lm.sentenceLogProb(sent) / (sent.length + 1));
    }
    return out;
  }

  @Override
  public TextData readData(DataInput in) throws IOException {
    return TextData.read(data.train().vocabulary(), in);
  }

  Vocabulary vocabulary() {
    return data.train().vocabulary();
  }
}
