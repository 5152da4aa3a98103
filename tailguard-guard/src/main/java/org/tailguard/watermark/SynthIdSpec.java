package org.tailguard.watermark;

import org.tailguard.spec.Check;
import org.tailguard.spec.SpecException;

/**
 * SynthID-Text tournament sampling (Dathathri et al., Nature 634, 2024, "Scalable watermarking for
 * identifying large language model outputs"), non-distortionary, with two candidates per match.
 *
 * <p>Embedding: m layers of g-values g_l(v) ∈ {0, 1}, bit l of PRF(K, 'G', c_{t−h} … c_{t−1}, v) (the
 * n-gram of {@code ngram_len} = h + 1 tokens). A tournament draws 2^m candidates from p, and in each layer l
 * pairs them up and keeps the one with the larger g_l (a tie picks either at random). Its winner has the
 * closed-form law p_m, with p_l(v) = p_{l−1}(v)·(1 + g_l(v) − E_{p_{l−1}}[g_l]) (the vectorised tournament of
 * the paper and of MarkLLM), which is what Tailguard samples: the 2^m draws are never made. As SynthID
 * applies its logits processor after top-k (and SGLang caps {@code num_candidates} at 1024), the tournament
 * runs on the {@code candidates} most probable tokens, renormalised (on the SOTU trigram the 1,024 most
 * probable of 16,390 words hold 86–99% of the mass, so this is a mild top-k truncation). A context already seen in the text is
 * not watermarked (SynthID's {@code context_history} mask). Detection: the mean g-value over the m layers of
 * the first occurrence of each context; the count of g = 1 is Binomial(mT, ½) under the null, giving the
 * exact p-value of SynthID's frequentist detector. Defaults: m = 30, {@code ngram_len} 5, 1024 candidates.
 *
 * @param depth m, the tournament layers, in [1, 64] (default 30; the sample count is 2^m)
 * @param context h, the previous tokens hashed with each candidate, in [1, 16] (default 4)
 * @param candidates the most probable tokens entering the tournament, at least 2 (default 1024)
 */
public record SynthIdSpec(Integer depth, Integer context, Integer candidates) implements WatermarkSpec {
  public SynthIdSpec {
    depth = depth == null ? 30 : depth;
    if (depth < 1 || depth > 64) {
      throw new SpecException(FIELD + ".depth", "must be in [1, 64], got " + depth);
    }
    context = WatermarkSpec.context(FIELD + ".context", context, 4, 1);
    candidates = Check.atLeast(FIELD + ".candidates", candidates == null ? 1024 : candidates, 2);
  }

  public static SynthIdSpec defaults() {
    return new SynthIdSpec(null, null, null);
  }

  @Override
  public String name() {
    return "synthid";
  }
}
