package org.tailguard.monitor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.FrequentItemsSketch;

/** Builds {@link Comparison}s and {@link Examples} from two versions' states, samples and prompts. */
final class Comparer {
  static final int PHRASES = 6;
  static final int VANISHED = 10;
  static final int REPEATED = 3;
  static final int OUTPUTS = 3;

  private Comparer() {}

  /** Everything the monitor holds about one version, loaded for computing. */
  record VersionData(VersionInfo info, VersionState state, SampleView sample, Map<Long, PromptStats> prompts,
      VersionIndicators indicators) {}

  static Comparison compare(VersionData ref, VersionData cur, MonitorConfig config, DriftTest.Result drift) {
    List<Comparison.IndicatorChange> changes = new ArrayList<>();
    for (Map.Entry<String, Double> e : ref.indicators().values().entrySet()) {
      double a = e.getValue();
      double b = cur.indicators().value(e.getKey());
      changes.add(new Comparison.IndicatorChange(e.getKey(), a, b, relativeChange(a, b)));
    }
    List<String[]> ra = ref.sample().firstTokens(config.coverageTokens());
    List<String[]> ca = cur.sample().firstTokens(config.coverageTokens());
    NGramDistances.Distances uni = distances(ra, ca, 1);
    NGramDistances.Distances bi = distances(ra, ca, 2);
    Set<String> refTypes = new HashSet<>();
    ra.forEach(s -> refTypes.addAll(List.of(s)));
    Set<String> curTypes = new HashSet<>();
    ca.forEach(s -> curTypes.addAll(List.of(s)));
    long kept = refTypes.stream().filter(curTypes::contains).count();
    double typeCoverage = refTypes.isEmpty() ? Double.NaN : (double) kept / refTypes.size();
    return new Comparison(ref.info(), cur.info(), changes, drift, uni, bi, typeCoverage,
        prompts(ref.prompts(), cur.prompts()), examples(ref, cur, config));
  }

  /**
   * Coverage of the baseline version's vocabulary, calibrated by the baseline itself: the share of the word
   * types in b tokens of the baseline sample that occur in b tokens of the current sample, divided by the
   * share that occur in the next b tokens of the baseline sample (what an unchanged model retains, since two
   * samples of one distribution never share all their types). b = min(coverage_tokens, half the baseline
   * sample's tokens, the current sample's tokens). About 1 without change; below 1 when words vanished.
   *
   * @return {kept/expected, kept, expected, b}; NaN values if b &lt; 100 tokens
   */
  static double[] baselineCoverage(VersionData base, VersionData cur, MonitorConfig config) {
    long b = Math.min(config.coverageTokens(), Math.min(base.sample().tokens / 2, cur.sample().tokens));
    if (b < 100) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN, b};
    }
    Set<String> a = base.sample().types(0, b);
    Set<String> held = base.sample().types(b, b);
    Set<String> now = cur.sample().types(0, b);
    double kept = (double) a.stream().filter(now::contains).count() / a.size();
    double expected = (double) a.stream().filter(held::contains).count() / a.size();
    return new double[] {kept / expected, kept, expected, b};
  }

  /** The drift test of two versions' samples, from the seeded metric stream. */
  static DriftTest.Result drift(VersionData ref, VersionData cur, MonitorConfig config) {
    List<String[]> a = ref.sample().documents(config.driftDocuments());
    List<String[]> b = cur.sample().documents(config.driftDocuments());
    if (a.size() < 4 || b.size() < 4) {
      return null;
    }
    DriftTest.Options o = DriftTest.Options.defaults().withMaxDocuments(config.driftDocuments())
        .withPermutations(config.driftPermutations());
    return DriftTest.testTokens(a, b, o, IndicatorEngine.metricStream(config));
  }

  static double relativeChange(double from, double to) {
    return from == 0 || Double.isNaN(from) || Double.isNaN(to) ? Double.NaN : (to - from) / Math.abs(from);
  }

  private static NGramDistances.Distances distances(List<String[]> a, List<String[]> b, int n) {
    Map<String, Long> ca = SampleView.ngramCounts(a, n);
    Map<String, Long> cb = SampleView.ngramCounts(b, n);
    if (ca.isEmpty() || cb.isEmpty()) {
      return new NGramDistances.Distances(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    long[][] bins = NGramDistances.binned(ca, cb, NGramDistances.DEFAULT_BINS);
    return NGramDistances.of(bins[0], bins[1]);
  }

  static Comparison.PromptComparison prompts(Map<Long, PromptStats> ref, Map<Long, PromptStats> cur) {
    int shared = 0;
    double refDistinct = 0;
    double curDistinct = 0;
    int refMulti = 0;
    int curMulti = 0;
    int modalChanged = 0;
    long curAnswers = 0;
    long newAnswers = 0;
    for (Map.Entry<Long, PromptStats> e : cur.entrySet()) {
      PromptStats a = ref.get(e.getKey());
      if (a == null) {
        continue;
      }
      PromptStats b = e.getValue();
      shared++;
      if (a.answers >= 2) {
        refDistinct += (double) Math.min(a.answers, a.distinct + a.other) / a.answers;
        refMulti++;
      }
      if (b.answers >= 2) {
        curDistinct += (double) Math.min(b.answers, b.distinct + b.other) / b.answers;
        curMulti++;
      }
      if (a.modalAnswer() != b.modalAnswer()) {
        modalChanged++;
      }
      curAnswers += b.answers;
      newAnswers += b.other; // untracked answers cannot be matched: counted as new
      for (int i = 0; i < b.distinct; i++) {
        if (a.count(b.hashes[i]) == 0) {
          newAnswers += b.counts[i];
        }
      }
    }
    return new Comparison.PromptComparison(shared, refMulti == 0 ? Double.NaN : refDistinct / refMulti,
        curMulti == 0 ? Double.NaN : curDistinct / curMulti, shared == 0 ? Double.NaN : (double) modalChanged / shared,
        curAnswers == 0 ? Double.NaN : (double) newAnswers / curAnswers);
  }

  static Examples examples(VersionData ref, VersionData cur, MonitorConfig config) {
    List<Examples.PhraseShift> tri = risen(ref.state().trigrams, cur.state().trigrams, PHRASES / 2, List.of());
    List<Examples.PhraseShift> bi = risen(ref.state().bigrams, cur.state().bigrams, PHRASES - tri.size(), tri);
    List<Examples.PhraseShift> phrases = new ArrayList<>(tri);
    phrases.addAll(bi);
    phrases.sort(Comparator.comparingDouble((Examples.PhraseShift p) -> -(p.share() - p.baselineShare()))
        .thenComparing(Examples.PhraseShift::phrase));
    return new Examples(phrases, vanished(ref, cur, config), repeated(cur.state()), outputs(cur.sample(), phrases));
  }

  /** Tracked current n-grams whose share surely rose: current lower bound minus baseline upper bound. */
  private static List<Examples.PhraseShift> risen(FrequentItemsSketch<String> base, FrequentItemsSketch<String> now,
      int k, List<Examples.PhraseShift> exclude) {
    long nBase = base.getStreamLength();
    long nNow = now.getStreamLength();
    if (nBase == 0 || nNow == 0 || k <= 0) {
      return List.of();
    }
    List<Examples.PhraseShift> out = new ArrayList<>();
    for (FrequentItemsSketch.Row<String> r : now.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES)) {
      String g = r.getItem();
      if (exclude.stream().anyMatch(p -> (" " + p.phrase() + " ").contains(" " + g + " "))) {
        continue;
      }
      double share = (double) r.getLowerBound() / nNow;
      double before = (double) base.getUpperBound(g) / nBase;
      if (share > before) {
        out.add(new Examples.PhraseShift(g, before, share));
      }
    }
    out.sort(Comparator.comparingDouble((Examples.PhraseShift p) -> -(p.share() - p.baselineShare()))
        .thenComparing(Examples.PhraseShift::phrase));
    return out.subList(0, Math.min(k, out.size()));
  }

  /**
   * Words of the baseline (its frequent words, and the words of its token-budget sample) whose baseline rate
   * predicts at least {@link Examples#VANISHED_MIN_EXPECTED} uses in the current version, and which the
   * current Bloom filter proves absent.
   */
  private static List<Examples.VanishedWord> vanished(VersionData ref, VersionData cur, MonitorConfig config) {
    long nowTokens = cur.state().tokens;
    if (nowTokens == 0 || ref.state().tokens == 0) {
      return List.of();
    }
    Map<String, Double> rate = new LinkedHashMap<>();
    for (FrequentItemsSketch.Row<String> r : ref.state().words.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES)) {
      rate.merge(r.getItem(), (double) r.getLowerBound() / ref.state().tokens, Math::max);
    }
    List<String[]> budget = ref.sample().firstTokens(config.coverageTokens());
    Map<String, Long> counts = SampleView.ngramCounts(budget, 1);
    long budgetTokens = counts.values().stream().mapToLong(Long::longValue).sum();
    if (budgetTokens > 0) {
      counts.forEach((w, c) -> rate.merge(w, (double) c / budgetTokens, Math::max));
    }
    List<Examples.VanishedWord> out = new ArrayList<>();
    for (Map.Entry<String, Double> e : rate.entrySet()) {
      double expected = e.getValue() * nowTokens;
      if (expected >= Examples.VANISHED_MIN_EXPECTED && !cur.state().wordFilter.query(e.getKey())) {
        out.add(new Examples.VanishedWord(e.getKey(), e.getValue(), expected));
      }
    }
    out.sort(Comparator.comparingDouble((Examples.VanishedWord w) -> -w.expected()).thenComparing(Examples.VanishedWord::word));
    return List.copyOf(out.subList(0, Math.min(VANISHED, out.size())));
  }

  private static List<Examples.RepeatedResponse> repeated(VersionState s) {
    if (s.records == 0) {
      return List.of();
    }
    List<Examples.RepeatedResponse> out = new ArrayList<>();
    for (FrequentItemsSketch.Row<String> r : s.responses.getFrequentItems(ErrorType.NO_FALSE_POSITIVES)) {
      if (r.getLowerBound() >= 2 && out.size() < REPEATED) {
        out.add(new Examples.RepeatedResponse(r.getItem(), r.getEstimate(), (double) r.getEstimate() / s.records));
      }
    }
    return out;
  }

  private static List<String> outputs(SampleView sample, List<Examples.PhraseShift> phrases) {
    List<String> out = new ArrayList<>();
    if (phrases.isEmpty()) {
      return out;
    }
    String phrase = " " + phrases.get(0).phrase() + " ";
    for (int i = 0; i < sample.size() && out.size() < OUTPUTS; i++) {
      for (String[] s : sample.sentences.get(i)) {
        if ((" " + String.join(" ", s) + " ").contains(phrase)) {
          out.add(sample.rows.get(i).response());
          break;
        }
      }
    }
    return out;
  }
}
