package org.tailguard.watermark;


/**
 * KGW, the green-list watermark of Kirchenbauer et al. (ICML 2023, "A Watermark for Large Language
 * Models"; repository jwkirchenbauer/lm-watermarking).
 *
 * <p>Embedding: at each step a keyed seed of the context ({@link ContextHash}) picks a green list holding each
 * token independently with probability γ (PRF(seed, v) &lt; γ·2^64, a Bernoulli(γ) list instead of the
 * repository's ⌊γ|V|⌋ ids of {@code torch.randperm}: the null probability of green is γ either way), and δ
 * is added to the green tokens' logits: p'(v) ∝ p(v)·e^{δ·[v green]}. Detection: with T scored tuples of
 * which |s|_G are green, z = (|s|_G − γT) / √(Tγ(1 − γ)), and the exact p-value P(Binomial(T, γ) ≥ |s|_G).
 * Defaults are the repository's recommended γ = 0.25, δ = 2, h = 4.
 *
 * @param gamma γ, the green share, in (0, 1) (default 0.25)
 * @param delta δ, the logit bias, in (0, 20] (default 2)
 * @param context h, the tokens the seed hashes, in [1, 16] (default 4); with self-hashing, the window of
 *     h − 1 previous tokens and the token itself
 * @param hash the context hash (default {@link ContextHash#ORDERED})
 * @param ignoreRepeated count each (seed, token) tuple once, as the repository's
 *     {@code ignore_repeated_ngrams=True} (default true; false makes p-values invalid on repetitive text)
 */
public record KgwSpec(Double gamma, Double delta, Integer context, ContextHash hash, Boolean ignoreRepeated)
    implements WatermarkSpec {
  public KgwSpec {
    gamma = WatermarkSpec.gamma(FIELD + ".gamma", gamma, 0.25);
    delta = WatermarkSpec.delta(FIELD + ".delta", delta, 2.0);
    hash = hash == null ? ContextHash.ORDERED : hash;
    context = WatermarkSpec.context(FIELD + ".context", context, 4, 1);
    ignoreRepeated = ignoreRepeated == null || ignoreRepeated;
  }

  /** γ 0.25, δ 2, h 4, ordered hash, repeats counted once. */
  public static KgwSpec defaults() {
    return new KgwSpec(null, null, null, null, null);
  }

  /** The self-hashing variant with the repository's defaults: γ 0.25, δ 2, h 4. */
  public static KgwSpec selfHash() {
    return new KgwSpec(null, null, null, ContextHash.SELF_HASH, null);
  }

  /** The preset's name ({@link WatermarkSpec#named}), with {@code -h<width>} when the width is not the preset's. */
  @Override
  public String name() {
    return switch (hash) {
      case ORDERED -> context == 1 ? "kgw-lefthash" : context == 4 ? "kgw" : "kgw-h" + context;
      case MIN_HASH -> context == 4 ? "kgw-minhash" : "kgw-minhash-h" + context;
      case SELF_HASH -> context == 4 ? "kgw-selfhash" : "kgw-selfhash-h" + context;
    };
  }
}
