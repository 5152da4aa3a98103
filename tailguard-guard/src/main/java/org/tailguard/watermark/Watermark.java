package org.tailguard.watermark;

import org.tailguard.text.token.Vocabulary;

/**
 * A watermark scheme with its key, over one vocabulary: detects from text alone and, through
 * {@link WatermarkSampler}, embeds while sampling from an n-gram language model.
 *
 * <p>The detection API for other components (the {@code detect} harness, the CLI):
 * <pre>{@code
 * Watermark wm = Watermark.of(WatermarkSpec.named("watermark", "kgw"), WatermarkKey.of(secret), lm.vocabulary());
 * Detection d = wm.detect(text);            // or wm.detect(tokenIds)
 * boolean flagged = d.flagged(1e-4);        // p ≤ α: the threshold follows from the target FPR
 * WindowDetection w = wm.scan(ids, Scan.defaults());   // a watermarked passage inside a long document
 * TokenScores s = wm.score(ids);            // per-token view, for WatermarkHtml
 * }</pre>
 * Detection hashes each context with SHA-256 ({@link Prf}), so it needs the key but no language model
 * (Kirchenbauer et al. 2023; Dathathri et al. 2024). Instances are immutable and safe to share between
 * threads; each call uses its own PRF buffers.
 */
public sealed interface Watermark permits Scheme {
  /**
   * The watermark of a scheme and a key over a vocabulary (the generating model's, which is the tokenizer).
   */
  static Watermark of(WatermarkSpec spec, WatermarkKey key, Vocabulary vocabulary) {
    return switch (spec) {
      case KgwSpec k -> new Kgw(k, key, vocabulary);
      case UnigramSpec u -> new Unigram(u, key, vocabulary);
      case ExpSpec e -> new Exp(e, key, vocabulary);
      case SynthIdSpec s -> new SynthId(s, key, vocabulary);
    };
  }

  WatermarkSpec spec();

  Vocabulary vocabulary();

  /** The scheme's name, as in {@link Detection#scheme()}. */
  default String name() {
    return spec().name();
  }

  /** Every token of a text scored: the per-token view behind {@link #detect(int[])}. */
  TokenScores score(int[] tokens);

  /** The test of a token sequence (ids of {@link #vocabulary()}, the text's words in order). */
  default Detection detect(int[] tokens) {
    return score(tokens).detection();
  }

  /** The test of a text, tokenised as the language model's training text was ({@link TextTokens}). */
  default Detection detect(String text) {
    return detect(TextTokens.of(text, vocabulary()).ids());
  }

  /** The most significant window of a long token sequence, with a Bonferroni-corrected p-value. */
  default WindowDetection scan(int[] tokens, Scan scan) {
    return score(tokens).scan(scan);
  }
}
