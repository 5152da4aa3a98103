package org.tailguard.random;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/** Pearson's chi-square goodness-of-fit test for discrete samplers, for use in tests. */
public final class GoodnessOfFit {
  private GoodnessOfFit() {}

  /**
   * The p-value of Pearson's chi-square test of observed counts against expected probabilities.
   *
   * <p>Cells are pooled from each end until every cell expects at least 5 draws (Cochran's rule), so the
   * chi-square approximation holds; degrees of freedom are cells − 1.
   *
   * @param observed counts per outcome
   * @param probability the probability of each outcome under the null; sums to 1
   */
  public static double pValue(long[] observed, double[] probability) {
    long n = 0;
    for (long o : observed) {
      n += o;
    }
    double[] rest = new double[probability.length + 1]; // rest[i] = Σ_{j≥i} probability[j]
    for (int i = probability.length - 1; i >= 0; i--) {
      rest[i] = rest[i + 1] + probability[i];
    }
    double stat = 0;
    int cells = 0;
    double e = 0;
    long o = 0;
    for (int i = 0; i < observed.length; i++) {
      e += probability[i] * n;
      o += observed[i];
      if (e >= 5 && rest[i + 1] * n >= 5) {
        stat += (o - e) * (o - e) / e;
        cells++;
        e = 0;
        o = 0;
      }
    }
    if (e > 0 || o > 0) { // the last pooled cell takes the rest
      stat += e > 0 ? (o - e) * (o - e) / e : Double.POSITIVE_INFINITY;
      cells++;
    }
    if (cells < 2) {
      throw new IllegalArgumentException("too few draws for a chi-square test: " + n);
    }
    return ChiSquaredDistribution.of(cells - 1).survivalProbability(stat);
  }
}
