package org.tailguard.monitor;

import java.util.Arrays;
import java.util.List;

/**
 * The indicators the monitor computes per version, with the direction in which each moves under collapse.
 *
 * <p><b>Population</b> indicators read the version's sketches and counters over every response ingested;
 * they do not depend on how much traffic a version had, except the type counts (marked). <b>Sample</b>
 * indicators read fixed budgets of the version's seeded reservoir sample (n-grams, sentences, tokens,
 * responses: {@link MonitorConfig}), so they compare across versions of different sizes, the length control
 * of Guo et al. (NAACL Findings 2024). Definitions follow collapse-science.md §4 and the text indicators
 * ({@code org.tailguard.text.indicators}).
 */
public enum MonitorIndicator {
  RECORDS("records", Source.POPULATION, Collapse.NONE, "responses ingested"),
  MEAN_LENGTH("mean_length", Source.POPULATION, Collapse.NONE, "mean words per response"),
  LENGTH_P10("length_p10", Source.POPULATION, Collapse.NONE, "10th percentile of words per response (t-digest)"),
  LENGTH_P50("length_p50", Source.POPULATION, Collapse.NONE, "median words per response (t-digest)"),
  LENGTH_P90("length_p90", Source.POPULATION, Collapse.NONE, "90th percentile of words per response (t-digest)"),
  WORD_TYPES("word_types", Source.POPULATION, Collapse.NONE,
      "distinct words, HyperLogLog estimate (grows with traffic: compare at equal sizes)"),
  BIGRAM_TYPES("bigram_types", Source.POPULATION, Collapse.NONE,
      "distinct bigrams, HyperLogLog estimate (grows with traffic)"),
  DUPLICATE_RATE("duplicate_rate", Source.POPULATION, Collapse.UP,
      "1 − distinct normalised responses / responses (HyperLogLog; normalised: lower case, punctuation dropped)"),
  TOP_RESPONSE_SHARE("top_response_share", Source.POPULATION, Collapse.UP,
      "share of responses equal to the most frequent normalised response (frequent-items lower bound)"),
  REF_PERPLEXITY("ref_perplexity", Source.POPULATION, Collapse.UP,
      "perplexity of all responses under the reference Kneser–Ney trigram, exp(Σ −ln p / N), N = words + sentence ends"),
  PPL_P10("ppl_p10", Source.POPULATION, Collapse.NONE, "10th percentile of per-response reference perplexity (t-digest)"),
  PPL_P50("ppl_p50", Source.POPULATION, Collapse.NONE, "median per-response reference perplexity (t-digest)"),
  PPL_P90("ppl_p90", Source.POPULATION, Collapse.UP, "90th percentile of per-response reference perplexity (t-digest)"),
  TAIL_MASS("tail_mass", Source.POPULATION, Collapse.DOWN,
      "share of tokens of reference words that lie beyond the reference's tail rank (words the reference lacks excluded)"),
  OOV_RATE("oov_rate", Source.POPULATION, Collapse.NONE, "share of tokens whose word the reference corpus lacks"),
  DISTINCT_1("distinct_1", Source.SAMPLE, Collapse.DOWN, "distinct/drawn words among unique_sample words drawn from the sample"),
  DISTINCT_2("distinct_2", Source.SAMPLE, Collapse.DOWN, "distinct/drawn bigrams among unique_sample bigrams drawn from the sample"),
  DISTINCT_3("distinct_3", Source.SAMPLE, Collapse.DOWN, "distinct/drawn trigrams among unique_sample trigrams drawn from the sample"),
  DISTINCT_N("distinct_n", Source.SAMPLE, Collapse.DOWN,
      "mean of distinct_1..3: unique-n at a fixed sample (Guo et al. 2024), the monitor's distinct-n"),
  SELF_BLEU("self_bleu", Source.SAMPLE, Collapse.UP,
      "Self-BLEU of the first self_bleu_sentences sample sentences, Texygen settings (n = 3, smoothing method 1)"),
  SAMPLE_DUPLICATE_RATE("sample_duplicate_rate", Source.SAMPLE, Collapse.UP,
      "duplicate rate of the first duplicate_sample sample responses, normalised (exact, not near-duplicates)"),
  NEAR_DUPLICATE_RATE("near_duplicate_rate", Source.SAMPLE, Collapse.UP,
      "share of the first duplicate_sample sample responses whose word-trigram set has Jaccard ≥ 0.8 with an earlier one"),
  REF_COVERAGE("ref_coverage", Source.SAMPLE, Collapse.DOWN,
      "share of the reference corpus's word types present in coverage_tokens sample tokens"),
  TYPE_TOKEN_RATIO("type_token_ratio", Source.SAMPLE, Collapse.DOWN, "distinct words / coverage_tokens sample tokens"),
  ENTROPY_1("entropy_1", Source.SAMPLE, Collapse.DOWN, "unigram entropy of coverage_tokens sample tokens, nats"),
  PROMPT_DISTINCT_ANSWERS("prompt_distinct_answers", Source.PROMPTS, Collapse.DOWN,
      "mean over sampled prompts with ≥ 2 answers of distinct normalised answers / answers");

  /** Where an indicator's value comes from. */
  public enum Source {
    POPULATION,
    SAMPLE,
    PROMPTS
  }

  /** The direction of an indicator under collapse. */
  public enum Collapse {
    /** Falls as outputs collapse (diversity, coverage, tail). */
    DOWN,
    /** Rises as outputs collapse (sameness, perplexity under the human reference). */
    UP,
    /** No fixed direction. */
    NONE
  }

  private final String id;
  private final Source source;
  private final Collapse collapse;
  private final String description;

  MonitorIndicator(String id, Source source, Collapse collapse, String description) {
    this.id = id;
    this.source = source;
    this.collapse = collapse;
    this.description = description;
  }

  /** The snake_case name used in results, rules and the store. */
  public String id() {
    return id;
  }

  public Source source() {
    return source;
  }

  public Collapse collapse() {
    return collapse;
  }

  public String description() {
    return description;
  }

  /** The indicator of a name. */
  public static MonitorIndicator byId(String id) {
    return Arrays.stream(values()).filter(i -> i.id.equals(id)).findFirst()
        .orElseThrow(() -> new org.tailguard.spec.SpecException("indicator", "unknown: " + id + "; known: "
            + String.join(", ", ids())));
  }

  /** All names, in order. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(MonitorIndicator::id).toList();
  }
}
