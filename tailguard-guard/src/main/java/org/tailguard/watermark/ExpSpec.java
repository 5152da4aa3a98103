package org.tailguard.watermark;

/**
 * The EXP (Gumbel) watermark: exponential-minimum sampling (Aaronson 2023, "Watermarking of large language
 * models"; Kuditipudi, Thickstun, Hashimoto and Liang, TMLR 2024, "Robust distortion-free watermarks").
 *
 * <p>Embedding: a keyed uniform r_v = PRF(K, 'E', c_{t−h} … c_{t−1}, v) per candidate, and the token
 * argmax_v r_v^{1/p_v} (equivalently argmin_v −ln(r_v)/p_v, the Gumbel-max trick), which is distributed as p
 * over random keys, so the scheme does not distort the model. A context already seen in the text is not
 * watermarked (the token is sampled from p), as SynthID's repeated-context mask, since it would repeat the
 * same choice; and since the choice is a function of the context, {@link WatermarkSampler} starts each
 * document with h unwatermarked words, the stand-in for a prompt. Detection: S = Σ −ln(1 − r_{x_t}) over first occurrences of each context, Gamma(T, 1) under
 * the null, p = P(Gamma(T, 1) ≥ S) (MarkLLM's EXP; default prefix length 4). The edit-robust EXP-edit
 * (Levenshtein alignment to a key sequence, permutation p-value) is not implemented.
 *
 * @param context h, the tokens the seed hashes, in [1, 16] (default 4, MarkLLM's {@code prefix_length})
 */
public record ExpSpec(Integer context) implements WatermarkSpec {
  public ExpSpec {
    context = WatermarkSpec.context(FIELD + ".context", context, 4, 1);
  }

  public static ExpSpec defaults() {
    return new ExpSpec(null);
  }

  @Override
  public String name() {
    return "exp";
  }
}
