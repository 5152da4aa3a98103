package org.tailguard.watermark;

/**
 * The outcome of testing one text for a watermark: the null hypothesis is that the text was written
 * without the key, and {@link #pValue} is its exact p-value (see {@link NullModel}).
 *
 * <p>Per scheme: KGW and Unigram count green tokens (Kirchenbauer et al. 2023, §4: z = (|s|_G − γT) /
 * √(Tγ(1−γ))); EXP sums −ln(1 − r) (Aaronson 2023); SynthID counts g-values equal to 1 over all layers
 * (Dathathri et al. 2024). A text is flagged at false-positive rate α when {@code pValue ≤ α}: the
 * threshold follows from the p-value and is never set by hand.
 *
 * @param scheme the scheme's name, such as {@code kgw}
 * @param tokens the text's length in tokens
 * @param scored the tokens counted: each (context, token) tuple once, or each context once (EXP, SynthID)
 * @param statistic the test statistic S (green count, Σ −ln(1 − r), or number of g = 1)
 * @param score S per scored token and trial: the green fraction, the mean of −ln(1 − r), or the mean g-value
 * @param z (S − E₀S) / sd₀(S), the z-score of Kirchenbauer et al.
 * @param pValue the exact P₀(S ≥ observed S); 1 when nothing was scored
 */
public record Detection(String scheme, int tokens, int scored, double statistic, double score, double z,
    double pValue) {
  /** Whether the text is flagged as watermarked at false-positive rate α: p ≤ α. */
  public boolean flagged(double alpha) {
    return pValue <= alpha;
  }

  /** The p-value of the one-proportion z-test (normal approximation), as Kirchenbauer et al.'s repository reports. */
  public double normalPValue() {
    return NullModel.normalPValue(z);
  }
}
