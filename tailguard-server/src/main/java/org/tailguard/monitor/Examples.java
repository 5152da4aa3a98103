package org.tailguard.monitor;

import java.util.List;

/**
 * Outputs that show how a version moved from its baseline: the evidence attached to a warning.
 *
 * @param overRepresented n-grams (bigrams and trigrams) whose share of n-gram occurrences rose most, from the
 *     frequent-items sketches: the rise is the current lower bound minus the baseline upper bound, so every
 *     listed rise is certain up to the sketches' guaranteed error
 * @param vanished words the baseline used often enough that the current version should have shown each at
 *     least {@link #VANISHED_MIN_EXPECTED} times at the baseline's rate, and that the current version's Bloom
 *     filter proves absent from all of its responses
 * @param repeated the current version's most repeated normalised responses
 * @param outputs sampled current responses that contain the most over-represented phrase
 */
public record Examples(List<PhraseShift> overRepresented, List<VanishedWord> vanished, List<RepeatedResponse> repeated,
    List<String> outputs) {
  /** A vanished word must have been expected at least this often (Poisson: P(0 | expected 10) = e⁻¹⁰). */
  public static final double VANISHED_MIN_EXPECTED = 10;

  /** No evidence. */
  public static Examples none() {
    return new Examples(List.of(), List.of(), List.of(), List.of());
  }

  /**
   * An n-gram whose share of n-gram occurrences moved.
   *
   * @param phrase the words
   * @param baselineShare its share in the baseline (upper bound)
   * @param share its share now (lower bound)
   */
  public record PhraseShift(String phrase, double baselineShare, double share) {}

  /**
   * A word gone from the current version.
   *
   * @param word the word
   * @param baselineRate its share of the baseline's tokens
   * @param expected how often the current version would have used it at the baseline's rate
   */
  public record VanishedWord(String word, double baselineRate, double expected) {}

  /**
   * A repeated response.
   *
   * @param response the normalised response (a prefix and hash if long)
   * @param count how many responses were this one (frequent-items estimate)
   * @param share count / responses
   */
  public record RepeatedResponse(String response, long count, double share) {}
}
