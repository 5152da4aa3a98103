package org.tailguard.watermark;

/**
 * Unigram-Watermark (Zhao, Ananth, Li and Wang, ICLR 2024, "Provable Robust Watermarking for AI-Generated
 * Text"): KGW with one green list fixed by the key, independent of the context (h = 0), which makes it the
 * most robust to edits: an edit changes only the tokens it touches.
 *
 * <p>Green list: v is green iff PRF(K, 'U', ∅, v) &lt; γ·2^64. Embedding adds δ to green logits; detection
 * counts each distinct token once (with a fixed list, a repeated word would otherwise be counted as many
 * independent coins) and gives z and the exact binomial p-value as KGW. Defaults γ = 0.5 and δ = 2 are the
 * paper's and MarkLLM's. Because the list is fixed, a key's false-positive rate on human text depends on
 * whether the most frequent words happen to be green: p-values are exact over random keys, and a single
 * key shifts them for all texts alike (measured in {@code NullUniformityTest}).
 *
 * @param gamma γ, the green share, in (0, 1) (default 0.5)
 * @param delta δ, the logit bias, in (0, 20] (default 2)
 * @param ignoreRepeated count each distinct token once (default true)
 */
public record UnigramSpec(Double gamma, Double delta, Boolean ignoreRepeated) implements WatermarkSpec {
  public UnigramSpec {
    gamma = WatermarkSpec.gamma(FIELD + ".gamma", gamma, 0.5);
    delta = WatermarkSpec.delta(FIELD + ".delta", delta, 2.0);
    ignoreRepeated = ignoreRepeated == null || ignoreRepeated;
  }

  public static UnigramSpec defaults() {
    return new UnigramSpec(null, null, null);
  }

  @Override
  public String name() {
    return "unigram";
  }
}
