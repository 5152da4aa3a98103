package org.tailguard.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tailguard.metrics.Summary;
import org.tailguard.store.Run;
import org.tailguard.store.RunStore;
import org.tailguard.store.SummaryRow;

/**
 * The degradation table that popular accounts of model collapse print ("Generation | Vocabulary Diversity |
 * Content Uniqueness | Quality Score"), measured on text runs and expressed as percentages of generation 0.
 *
 * <p>Vocabulary Diversity is unique-1 at a fixed sample (Guo et al., NAACL Findings 2024: distinct words
 * among a fixed number of words drawn from the generation's output, so it does not depend on length);
 * Content Uniqueness is 1 − Self-BLEU (Texygen settings: n = 3, uniform weights, smoothing method 1, each
 * sentence against all others); Quality Score is PPL₀ / PPL_g, the held-out perplexity of the generation-0
 * model over that of generation g on real held-out text. Each is the median over chains.
 */
public final class SeedTable {
  /** Indicator names the table reads (those of the {@code ngram} family). */
  public static final String VOCABULARY = "unique_1";
  public static final String SELF_BLEU = "self_bleu";
  public static final String PERPLEXITY = "heldout_ppl";

  private SeedTable() {}

  /** One row: a run's generation, its three scores in percent of generation 0, and the raw medians. */
  public record Row(String run, String workflow, int generation, double vocabularyDiversity,
      double contentUniqueness, double qualityScore, double unique1, double selfBleu, double perplexity) {}

  /**
   * The rows of the given runs, generation by generation.
   *
   * @throws IllegalArgumentException naming the run if it lacks one of the three indicators
   */
  public static List<Row> rows(RunStore store, List<Run> runs) {
    List<Row> out = new ArrayList<>();
    for (Run run : runs) {
      Map<String, Map<Integer, Summary>> by = new TreeMap<>();
      for (SummaryRow r : store.summaries(run.id())) {
        by.computeIfAbsent(r.indicator(), k -> new TreeMap<>()).put(r.generation(), r.summary());
      }
      for (String need : List.of(VOCABULARY, SELF_BLEU, PERPLEXITY)) {
        if (!by.containsKey(need) || !by.get(need).containsKey(0)) {
          throw new IllegalArgumentException("run " + run.id() + " has no " + need + " at generation 0; the seed "
              + "table needs an ngram run recording " + VOCABULARY + ", " + SELF_BLEU + " and " + PERPLEXITY);
        }
      }
      double u0 = by.get(VOCABULARY).get(0).median();
      double b0 = by.get(SELF_BLEU).get(0).median();
      double p0 = by.get(PERPLEXITY).get(0).median();
      for (int g : by.get(VOCABULARY).keySet()) {
        double u = by.get(VOCABULARY).get(g).median();
        double b = by.get(SELF_BLEU).get(g).median();
        double p = by.get(PERPLEXITY).get(g).median();
        out.add(new Row(run.id(), run.workflow(), g, 100 * u / u0, 100 * (1 - b) / (1 - b0), 100 * p0 / p, u, b, p));
      }
    }
    return out;
  }
}
