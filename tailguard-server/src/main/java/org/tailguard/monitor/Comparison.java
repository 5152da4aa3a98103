package org.tailguard.monitor;

import java.util.List;

/**
 * How a version differs from a reference version of the same model: every indicator's change, the drift
 * test, n-gram distribution distances, vocabulary overlap, per-prompt changes, and example outputs.
 *
 * @param reference the earlier (or baseline) version
 * @param current the version compared with it
 * @param changes each indicator's value in both and its relative change
 * @param drift the domain-classifier drift test on the two samples ({@link DriftTest})
 * @param unigrams Hellinger, Jensen–Shannon and PSI between the two samples' word distributions, each on
 *     {@code coverage_tokens} tokens, binned as {@link NGramDistances#binned}
 * @param bigrams the same for bigrams
 * @param baselineTypeCoverage the share of the reference sample's word types (in its first
 *     {@code coverage_tokens} tokens) that occur in as many tokens of the current sample
 * @param prompts per-prompt comparison over the prompts both versions' prompt samples hold
 * @param examples over-represented phrases, vanished words, repeated responses and outputs
 */
public record Comparison(VersionInfo reference, VersionInfo current, List<IndicatorChange> changes,
    DriftTest.Result drift, NGramDistances.Distances unigrams, NGramDistances.Distances bigrams,
    double baselineTypeCoverage, PromptComparison prompts, Examples examples) {

  /**
   * One indicator in both versions.
   *
   * @param change (current − reference)/reference; NaN if the reference is 0 or NaN
   */
  public record IndicatorChange(String indicator, double reference, double current, double change) {}

  /**
   * Per-prompt comparison over shared prompts (both versions' prompt samples hold them).
   *
   * @param sharedPrompts prompts answered in both versions
   * @param referenceDistinct mean distinct answers / answers per shared prompt with ≥ 2 answers, reference
   * @param currentDistinct the same in the current version
   * @param modalChangeRate share of shared prompts whose most frequent answer differs between the versions
   * @param newAnswerRate share of the current version's answers to shared prompts that are not among the
   *     reference's tracked answers to the same prompt
   */
  public record PromptComparison(int sharedPrompts, double referenceDistinct, double currentDistinct,
      double modalChangeRate, double newAnswerRate) {}

  /** The change of one indicator, or null if absent. */
  public IndicatorChange change(String indicator) {
    return changes.stream().filter(c -> c.indicator().equals(indicator)).findFirst().orElse(null);
  }
}
