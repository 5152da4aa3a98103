package org.tailguard.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Set;
import org.tailguard.spec.Check;
import org.tailguard.spec.SpecException;
import org.tailguard.text.corpus.Split;

/**
 * What a monitor store records per version and how it measures it: the seeded sample sizes, the sketch
 * sizes, the human reference, and the fixed sample budgets that make indicators comparable across versions.
 *
 * <p>These settings shape stored state, so they are written into the store when it is created and an
 * existing store refuses different values ({@link #checkSameShape}). Sample-based indicators are
 * length-controlled, as Guo et al. (NAACL Findings 2024) control unique-n by a fixed sample of n-grams:
 * each version is measured on the same budget of n-grams, sentences, tokens and responses, drawn from its
 * seeded reservoir, so a version with more traffic does not look less diverse. The defaults:
 *
 * <ul>
 *   <li>{@code seed} 2024: the reservoir and prompt samples and every randomised indicator;</li>
 *   <li>{@code reservoir_size} 4,000 responses per version (a bottom-k sample by a seeded hash priority);</li>
 *   <li>{@code prompt_sample} 2,000 prompt ids per version (bottom-k by the prompt id's hash, so versions
 *       keep the same prompts), {@code answers_per_prompt} 8 distinct answers tracked per prompt;</li>
 *   <li>{@code lg_frequent_items} 11: frequent-items maps of 2,048 slots (Misra–Gries error at most
 *       3.5/2,048 ≈ 0.17% of the stream, DataSketches' bound);</li>
 *   <li>{@code hll_lg_k} 12: HyperLogLog relative standard error 1.04/√4096 ≈ 1.6%;</li>
 *   <li>{@code bloom_bits} 2^20 with 7 hashes: under 1% false positives up to about 110,000 word types;</li>
 *   <li>{@code reference_corpus} {@code sotu:test} (coverage and tail mass), {@code reference_lm}
 *       {@code sotu:train} (a Kneser–Ney trigram for per-response perplexity); {@code none} turns either
 *       off; for general English use {@code brown:test} and {@code brown:train};</li>
 *   <li>{@code tail_rank} 1,000: tail mass is the share of tokens beyond this rank of the reference;</li>
 *   <li>budgets: {@code unique_sample} 10,000 n-grams per order, {@code self_bleu_sentences} 1,000,
 *       {@code coverage_tokens} 20,000, {@code duplicate_sample} 2,000 responses, {@code drift_documents}
 *       1,000 per side, {@code drift_permutations} 1,000 (Evidently's count);</li>
 *   <li>{@code batch_size} 5,000 records per committed transaction when streaming;
 *       {@code durability} {@link Durability#FULL}.</li>
 * </ul>
 */
public record MonitorConfig(long seed, int reservoirSize, int promptSample, int answersPerPrompt,
    int lgFrequentItems, int hllLgK, long bloomBits, String referenceCorpus, String referenceLm, int tailRank,
    int uniqueSample, int selfBleuSentences, int coverageTokens, int duplicateSample, int driftDocuments,
    int driftPermutations, int batchSize, Durability durability) {

  /** How durable a committed batch is. */
  public enum Durability {
    /** SQLite {@code synchronous=FULL}: a commit survives a crash of the process, the OS or the power. */
    FULL,
    /** {@code synchronous=NORMAL} in WAL mode: a commit survives a crash of the process, not of the OS. */
    NORMAL
  }

  /** The name that turns a reference off. */
  public static final String NONE = "none";

  private static final Set<String> KEYS = Set.of("seed", "reservoir_size", "prompt_sample", "answers_per_prompt",
      "lg_frequent_items", "hll_lg_k", "bloom_bits", "reference_corpus", "reference_lm", "tail_rank",
      "unique_sample", "self_bleu_sentences", "coverage_tokens", "duplicate_sample", "drift_documents",
      "drift_permutations", "batch_size", "durability");

  public MonitorConfig {
    Check.atLeast("monitor.reservoir_size", reservoirSize, 10);
    Check.atLeast("monitor.prompt_sample", promptSample, 0);
    if (answersPerPrompt < 1 || answersPerPrompt > 64) {
      throw new SpecException("monitor.answers_per_prompt", "must be in 1..64, got " + answersPerPrompt);
    }
    if (lgFrequentItems < 7 || lgFrequentItems > 16) {
      throw new SpecException("monitor.lg_frequent_items", "must be in 7..16, got " + lgFrequentItems);
    }
    if (hllLgK < 8 || hllLgK > 18) {
      throw new SpecException("monitor.hll_lg_k", "must be in 8..18, got " + hllLgK);
    }
    if (bloomBits < 1024 || bloomBits > (1L << 30)) {
      throw new SpecException("monitor.bloom_bits", "must be in 1024..2^30, got " + bloomBits);
    }
    referenceCorpus = checkSplit("monitor.reference_corpus", referenceCorpus);
    referenceLm = checkSplit("monitor.reference_lm", referenceLm);
    Check.atLeast("monitor.tail_rank", tailRank, 1);
    Check.atLeast("monitor.unique_sample", uniqueSample, 100);
    Check.atLeast("monitor.self_bleu_sentences", selfBleuSentences, 10);
    Check.atLeast("monitor.coverage_tokens", coverageTokens, 100);
    Check.atLeast("monitor.duplicate_sample", duplicateSample, 10);
    Check.atLeast("monitor.drift_documents", driftDocuments, 10);
    Check.atLeast("monitor.drift_permutations", driftPermutations, 20);
    Check.atLeast("monitor.batch_size", batchSize, 1);
    Check.required("monitor.durability", durability);
  }

  /** The defaults listed above. */
  public static MonitorConfig defaults() {
    return new MonitorConfig(2024, 4000, 2000, 8, 11, 12, 1L << 20, "sotu:test", "sotu:train", 1000, 10_000, 1000,
        20_000, 2000, 1000, 1000, 5000, Durability.FULL);
  }

  /** Whether a reference corpus is set. */
  public boolean hasReferenceCorpus() {
    return !NONE.equals(referenceCorpus);
  }

  /** Whether a reference language model is set. */
  public boolean hasReferenceLm() {
    return !NONE.equals(referenceLm);
  }

  public MonitorConfig withSeed(long s) {
    return new MonitorConfig(s, reservoirSize, promptSample, answersPerPrompt, lgFrequentItems, hllLgK, bloomBits,
        referenceCorpus, referenceLm, tailRank, uniqueSample, selfBleuSentences, coverageTokens, duplicateSample,
        driftDocuments, driftPermutations, batchSize, durability);
  }

  public MonitorConfig withReference(String corpus, String lm) {
    return new MonitorConfig(seed, reservoirSize, promptSample, answersPerPrompt, lgFrequentItems, hllLgK, bloomBits,
        corpus, lm, tailRank, uniqueSample, selfBleuSentences, coverageTokens, duplicateSample, driftDocuments,
        driftPermutations, batchSize, durability);
  }

  public MonitorConfig withReservoirSize(int n) {
    return new MonitorConfig(seed, n, promptSample, answersPerPrompt, lgFrequentItems, hllLgK, bloomBits,
        referenceCorpus, referenceLm, tailRank, uniqueSample, selfBleuSentences, coverageTokens, duplicateSample,
        driftDocuments, driftPermutations, batchSize, durability);
  }

  public MonitorConfig withBatchSize(int n) {
    return new MonitorConfig(seed, reservoirSize, promptSample, answersPerPrompt, lgFrequentItems, hllLgK, bloomBits,
        referenceCorpus, referenceLm, tailRank, uniqueSample, selfBleuSentences, coverageTokens, duplicateSample,
        driftDocuments, driftPermutations, n, durability);
  }

  public MonitorConfig withDurability(Durability d) {
    return new MonitorConfig(seed, reservoirSize, promptSample, answersPerPrompt, lgFrequentItems, hllLgK, bloomBits,
        referenceCorpus, referenceLm, tailRank, uniqueSample, selfBleuSentences, coverageTokens, duplicateSample,
        driftDocuments, driftPermutations, batchSize, d);
  }

  public MonitorConfig withDriftPermutations(int n) {
    return new MonitorConfig(seed, reservoirSize, promptSample, answersPerPrompt, lgFrequentItems, hllLgK, bloomBits,
        referenceCorpus, referenceLm, tailRank, uniqueSample, selfBleuSentences, coverageTokens, duplicateSample,
        driftDocuments, n, batchSize, durability);
  }

  /** The sample budgets, for stores and tests that need small or large ones. */
  public MonitorConfig withBudgets(int unique, int selfBleu, int coverage, int duplicates, int driftDocs) {
    return new MonitorConfig(seed, reservoirSize, promptSample, answersPerPrompt, lgFrequentItems, hllLgK, bloomBits,
        referenceCorpus, referenceLm, tailRank, unique, selfBleu, coverage, duplicates, driftDocs, driftPermutations,
        batchSize, durability);
  }

  /**
   * Refuses a store whose recorded settings differ from these where they shape stored state or the
   * comparability of indicators (everything but {@code batch_size} and {@code durability}).
   *
   * @throws SpecException naming the first differing field
   */
  void checkSameShape(MonitorConfig stored) {
    ObjectNode a = toJson();
    ObjectNode b = stored.toJson();
    for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (k.equals("batch_size") || k.equals("durability")) {
        continue;
      }
      if (!a.get(k).equals(b.get(k))) {
        throw new SpecException("monitor." + k, "the store was created with " + b.get(k) + "; got " + a.get(k)
            + " (open it without a config, or use another store)");
      }
    }
  }

  /** The settings as a JSON object with snake_case keys. */
  public ObjectNode toJson() {
    ObjectNode o = JsonMapper.builder().build().createObjectNode();
    o.put("seed", seed);
    o.put("reservoir_size", reservoirSize);
    o.put("prompt_sample", promptSample);
    o.put("answers_per_prompt", answersPerPrompt);
    o.put("lg_frequent_items", lgFrequentItems);
    o.put("hll_lg_k", hllLgK);
    o.put("bloom_bits", bloomBits);
    o.put("reference_corpus", referenceCorpus);
    o.put("reference_lm", referenceLm);
    o.put("tail_rank", tailRank);
    o.put("unique_sample", uniqueSample);
    o.put("self_bleu_sentences", selfBleuSentences);
    o.put("coverage_tokens", coverageTokens);
    o.put("duplicate_sample", duplicateSample);
    o.put("drift_documents", driftDocuments);
    o.put("drift_permutations", driftPermutations);
    o.put("batch_size", batchSize);
    o.put("durability", durability.name().toLowerCase(java.util.Locale.ROOT));
    return o;
  }

  /**
   * Settings from a JSON object; missing keys take their defaults, unknown keys are refused.
   *
   * @throws SpecException naming the offending key
   */
  public static MonitorConfig fromJson(JsonNode o) {
    if (o == null || !o.isObject()) {
      throw new SpecException("monitor", "must be a JSON object");
    }
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        throw new SpecException("monitor." + k, "unknown setting; known: " + String.join(", ", KEYS.stream().sorted().toList()));
      }
    }
    MonitorConfig d = defaults();
    String durability = text(o, "durability", d.durability.name());
    Durability dur;
    try {
      dur = Durability.valueOf(durability.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SpecException("monitor.durability", "must be full or normal, got " + durability);
    }
    return new MonitorConfig(longOf(o, "seed", d.seed), intOf(o, "reservoir_size", d.reservoirSize),
        intOf(o, "prompt_sample", d.promptSample), intOf(o, "answers_per_prompt", d.answersPerPrompt),
        intOf(o, "lg_frequent_items", d.lgFrequentItems), intOf(o, "hll_lg_k", d.hllLgK),
        longOf(o, "bloom_bits", d.bloomBits), text(o, "reference_corpus", d.referenceCorpus),
        text(o, "reference_lm", d.referenceLm), intOf(o, "tail_rank", d.tailRank),
        intOf(o, "unique_sample", d.uniqueSample), intOf(o, "self_bleu_sentences", d.selfBleuSentences),
        intOf(o, "coverage_tokens", d.coverageTokens), intOf(o, "duplicate_sample", d.duplicateSample),
        intOf(o, "drift_documents", d.driftDocuments), intOf(o, "drift_permutations", d.driftPermutations),
        intOf(o, "batch_size", d.batchSize), dur);
  }

  private static String checkSplit(String field, String split) {
    if (split == null || split.isBlank() || split.equals(NONE)) {
      return NONE;
    }
    Split.parse(field, split); // refuses an unknown corpus or split, naming the field
    return split;
  }

  private static long longOf(JsonNode o, String key, long dflt) {
    JsonNode v = o.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.canConvertToLong() || !v.isIntegralNumber()) {
      throw new SpecException("monitor." + key, "must be an integer, got " + v);
    }
    return v.asLong();
  }

  private static int intOf(JsonNode o, String key, int dflt) {
    long v = longOf(o, key, dflt);
    if (v != (int) v) {
      throw new SpecException("monitor." + key, "must fit in 32 bits, got " + v);
    }
    return (int) v;
  }

  private static String text(JsonNode o, String key, String dflt) {
    JsonNode v = o.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isTextual()) {
      throw new SpecException("monitor." + key, "must be a string, got " + v);
    }
    return v.asText();
  }
}
