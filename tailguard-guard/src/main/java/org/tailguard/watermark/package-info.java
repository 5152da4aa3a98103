/**
 * LLM watermarking: schemes embedded while sampling from our language models, detected from text alone with
 * an exact p-value.
 *
 * <p>Schemes ({@link org.tailguard.watermark.WatermarkSpec}): KGW green lists with ordered, min-hash and
 * self-hash contexts (Kirchenbauer et al., ICML 2023), Unigram-Watermark (Zhao et al., ICLR 2024),
 * EXP/Gumbel exponential-minimum sampling (Aaronson 2023; Kuditipudi et al., TMLR 2024) and SynthID-Text
 * tournament sampling (Dathathri et al., Nature 2024), all keyed by one documented SHA-256 PRF
 * ({@link org.tailguard.watermark.Prf}).
 *
 * <p>Entry points:
 * <ul>
 *   <li>{@link org.tailguard.watermark.Watermark}: {@code of(spec, key, vocabulary)}, {@code detect},
 *       {@code score} (per token), {@code scan} (windowed, Bonferroni-corrected);</li>
 *   <li>{@link org.tailguard.watermark.WatermarkSampler}: watermarked documents from an
 *       {@link org.tailguard.text.lm.NgramLm};</li>
 *   <li>{@link org.tailguard.watermark.WatermarkHtml}: the per-token view, written atomically;</li>
 *   <li>{@link org.tailguard.watermark.Substitution}: the word-substitution attack;</li>
 *   <li>experiments with a {@code main}: {@link org.tailguard.watermark.WatermarkEvaluation} (null
 *       uniformity, power), {@link org.tailguard.watermark.Radioactivity} (Sander et al., NeurIPS 2024),
 *       {@link org.tailguard.watermark.WatermarkBenchmark} (throughput).</li>
 * </ul>
 */
package org.tailguard.watermark;
