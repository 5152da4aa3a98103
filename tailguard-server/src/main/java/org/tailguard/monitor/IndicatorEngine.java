package org.tailguard.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.FrequentItemsSketch;
import org.tailguard.random.RandomStreams;
import org.tailguard.text.indicators.Coverage;
import org.tailguard.text.indicators.Lexical;
import org.tailguard.text.indicators.SelfBleu;
import org.tailguard.text.token.Sentences;

/**
 * Computes a version's {@link MonitorIndicator}s from its state, its reservoir sample and its prompt sample,
 * with the text indicators of {@code org.tailguard.text.indicators} on the sample budgets.
 */
final class IndicatorEngine {
  private IndicatorEngine() {}

  /** The random stream of a version's randomised indicators: fixed by the seed, the same for every version. */
  static UniformRandomProvider metricStream(MonitorConfig config) {
    return RandomStreams.derive(config.seed(), 0, 0, RandomStreams.Purpose.METRIC);
  }

  static VersionIndicators compute(VersionInfo info, VersionState s, SampleView sample, Map<Long, PromptStats> prompts,
      Reference reference, MonitorConfig config) {
    Map<String, Double> v = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    put(v, MonitorIndicator.RECORDS, s.records);
    put(v, MonitorIndicator.MEAN_LENGTH, s.records == 0 ? Double.NaN : (double) s.tokens / s.records);
    put(v, MonitorIndicator.LENGTH_P10, quantile(s.lengths, 0.1));
    put(v, MonitorIndicator.LENGTH_P50, quantile(s.lengths, 0.5));
    put(v, MonitorIndicator.LENGTH_P90, quantile(s.lengths, 0.9));
    put(v, MonitorIndicator.WORD_TYPES, s.wordTypes.getEstimate());
    put(v, MonitorIndicator.BIGRAM_TYPES, s.bigramTypes.getEstimate());
    put(v, MonitorIndicator.DUPLICATE_RATE, s.records == 0 ? Double.NaN
        : Math.max(0, 1 - Math.min(s.records, s.distinctResponses.getEstimate()) / s.records));
    put(v, MonitorIndicator.TOP_RESPONSE_SHARE, topShare(s.responses, s.records));
    put(v, MonitorIndicator.REF_PERPLEXITY, s.referencePerplexity());
    put(v, MonitorIndicator.PPL_P10, quantile(s.perplexities, 0.1));
    put(v, MonitorIndicator.PPL_P50, quantile(s.perplexities, 0.5));
    put(v, MonitorIndicator.PPL_P90, quantile(s.perplexities, 0.9));
    put(v, MonitorIndicator.TAIL_MASS, s.referenceTokens == 0 ? Double.NaN : (double) s.tailTokens / s.referenceTokens);
    put(v, MonitorIndicator.OOV_RATE, !reference.hasCorpus() || s.tokens == 0 ? Double.NaN
        : (double) s.oovTokens / s.tokens);
    if (!reference.hasLm()) {
      notes.add("no reference LM: ref_perplexity and ppl_* are not computed");
    }
    if (!reference.hasCorpus()) {
      notes.add("no reference corpus: tail_mass, oov_rate and ref_coverage are not computed");
    }
    sampleIndicators(v, notes, sample, reference, config);
    put(v, MonitorIndicator.PROMPT_DISTINCT_ANSWERS, promptDistinct(prompts));
    return new VersionIndicators(info, v, notes);
  }

  private static void sampleIndicators(Map<String, Double> v, List<String> notes, SampleView sample, Reference reference,
      MonitorConfig config) {
    List<String[]> all = sample.allSentences();
    if (all.isEmpty()) {
      notes.add("empty sample: sample indicators are not computed");
      for (MonitorIndicator i : MonitorIndicator.values()) {
        if (i.source() == MonitorIndicator.Source.SAMPLE) {
          put(v, i, Double.NaN);
        }
      }
      return;
    }
    Sentences corpus = SampleView.encode(all);
    Lexical.UniqueN u = Lexical.uniqueN(corpus, 3, config.uniqueSample(), metricStream(config));
    put(v, MonitorIndicator.DISTINCT_1, u.byOrder()[0]);
    put(v, MonitorIndicator.DISTINCT_2, u.byOrder()[1]);
    put(v, MonitorIndicator.DISTINCT_3, u.byOrder()[2]);
    put(v, MonitorIndicator.DISTINCT_N, u.mean());
    if (!u.lengthControlled()) {
      notes.add("distinct_*: the sample holds fewer than " + config.uniqueSample() + " n-grams of some order ("
          + java.util.Arrays.toString(u.sampled()) + "): not length-controlled");
    }
    List<String[]> bleu = sample.firstSentences(config.selfBleuSentences());
    put(v, MonitorIndicator.SELF_BLEU, bleu.size() < 2 ? Double.NaN : SelfBleu.exact(SampleView.encode(bleu), SelfBleu.TEXYGEN_GRAM));
    if (bleu.size() < config.selfBleuSentences()) {
      notes.add("self_bleu: " + bleu.size() + " sample sentences, fewer than " + config.selfBleuSentences());
    }
    int dupN = Math.min(config.duplicateSample(), sample.size());
    java.util.HashSet<String> seen = new java.util.HashSet<>();
    List<String[]> dupDocs = sample.documents(dupN);
    for (String[] d : dupDocs) {
      seen.add(String.join(" ", d));
    }
    put(v, MonitorIndicator.SAMPLE_DUPLICATE_RATE, dupN == 0 ? Double.NaN : (double) (dupN - seen.size()) / dupN);
    put(v, MonitorIndicator.NEAR_DUPLICATE_RATE, NearDuplicates.rate(dupDocs));
    if (dupN < config.duplicateSample()) {
      notes.add("sample_duplicate_rate, near_duplicate_rate: " + dupN + " sample responses, fewer than " + config.duplicateSample());
    }
    List<String[]> budget = sample.firstTokens(config.coverageTokens());
    Sentences b = SampleView.encode(budget);
    long budgetTokens = b.tokens();
    if (budgetTokens < config.coverageTokens()) {
      notes.add("ref_coverage, type_token_ratio, entropy_1: " + budgetTokens + " sample tokens, fewer than "
          + config.coverageTokens() + ": not length-controlled");
    }
    put(v, MonitorIndicator.REF_COVERAGE, reference.hasCorpus() && budgetTokens > 0
        ? Coverage.missingTypes(reference.corpus(), b).covered() : Double.NaN);
    put(v, MonitorIndicator.TYPE_TOKEN_RATIO, budgetTokens == 0 ? Double.NaN : Lexical.typeTokenRatio(b));
    put(v, MonitorIndicator.ENTROPY_1, budgetTokens == 0 ? Double.NaN : Lexical.unigramEntropy(b));
  }

  /** Mean distinct/answers over prompts with at least two answers; NaN if none. */
  static double promptDistinct(Map<Long, PromptStats> prompts) {
    double sum = 0;
    int n = 0;
    for (PromptStats p : prompts.values()) {
      if (p.answers >= 2) {
        sum += (double) Math.min(p.answers, p.distinct + (p.overflowed() ? p.other : 0)) / p.answers;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private static double topShare(FrequentItemsSketch<String> responses, long records) {
    if (records == 0) {
      return Double.NaN;
    }
    FrequentItemsSketch.Row<String>[] rows = responses.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES);
    long best = 0;
    for (FrequentItemsSketch.Row<String> r : rows) {
      best = Math.max(best, r.getLowerBound());
    }
    return (double) best / records;
  }

  private static double quantile(org.apache.datasketches.tdigest.TDigestDouble t, double q) {
    return t.isEmpty() ? Double.NaN : t.getQuantile(q);
  }

  private static void put(Map<String, Double> v, MonitorIndicator i, double value) {
    v.put(i.id(), value);
  }
}
