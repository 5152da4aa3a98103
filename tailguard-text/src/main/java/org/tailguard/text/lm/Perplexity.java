package org.tailguard.text.lm;

/**
 * Perplexity of a model on held-out sentences: 10^(−log10 P / N), N counting every word and each
 * sentence's {@code </s>} but not {@code <s>}, as SRILM's and KenLM's perplexity do.
 *
 * <p>Words outside the model's vocabulary are scored as {@code <unk>} and included in
 * {@link #perplexity()} (KenLM's "Perplexity including OOVs"); {@link #perplexityWithoutOov()} leaves them
 * out of both the log-probability and N (SRILM's {@code ppl}, KenLM's "excluding OOVs").
 *
 * @param sentences the number of sentences
 * @param tokens N: words plus one {@code </s>} per sentence
 * @param oovs the tokens scored as {@code <unk>}
 * @param log10Prob the total log10 probability of all tokens
 * @param oovLog10Prob the part of {@code log10Prob} due to {@code <unk>} tokens
 */
public record Perplexity(long sentences, long tokens, long oovs, double log10Prob, double oovLog10Prob) {
  /** Perplexity over all tokens, {@code <unk>} included. */
  public double perplexity() {
    return Math.pow(10, -log10Prob / tokens);
  }

  /** Perplexity over the tokens other than {@code <unk>}. */
  public double perplexityWithoutOov() {
    return Math.pow(10, -(log10Prob - oovLog10Prob) / (tokens - oovs));
  }

  /** Cross-entropy in bits per token, {@code <unk>} included. */
  public double bitsPerToken() {
    return -log10Prob / tokens * Math.log(10) / Math.log(2);
  }
}
