package org.tailguard.curate;

import java.util.Arrays;

/**
 * An AI score from perplexity under a reference model: text sampled from a language model is more probable
 * under a similar model than human text is (the signal of GLTR, Gehrmann et al. 2019, and the perplexity
 * baseline of DetectGPT and Binoculars). The score is a conformal one (Vovk et al. 2005): with n human
 * calibration perplexities, a document's p-value is {@code p = (1 + #{human pp ≤ pp(doc)}) / (n + 1)},
 * the chance that a human document looks at least as machine-like, and its AI score is {@code 1 − p}. For
 * human text exchangeable with the calibration set, P(p ≤ α) ≤ α, so the score's thresholds carry a false-
 * positive guarantee before any calibration.
 */
public final class PerplexityScorer implements SyntheticScorer {
  /** The scorer's name in configs. */
  public static final String NAME = "perplexity";

  private final ReferenceModel model;
  private final double[] human; // sorted calibration perplexities

  PerplexityScorer(ReferenceModel model, double[] humanPerplexities) {
    this.model = model;
    this.human = humanPerplexities.clone();
    Arrays.sort(human);
  }

  static PerplexityScorer create(SyntheticFilter.Config c, StageContext context) {
    double[] pp = c.calibration().stream().flatMapToDouble(s -> Arrays.stream(context.perplexities(c.reference(), s)))
        .toArray();
    return new PerplexityScorer(context.model(c.reference()), pp);
  }

  @Override
  public double score(Doc doc) {
    return scoreOfPerplexity(model.perplexity(doc.text()));
  }

  /** The AI score of a perplexity: 1 − (1 + #{human ≤ pp}) / (n + 1). */
  public double scoreOfPerplexity(double pp) {
    int atMost = upperBound(human, pp);
    return 1 - (1.0 + atMost) / (human.length + 1.0);
  }

  private static int upperBound(double[] a, double x) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Override
  public String describe() {
    return "conformal perplexity score under " + model.description() + " (" + human.length + " human documents)";
  }
}
