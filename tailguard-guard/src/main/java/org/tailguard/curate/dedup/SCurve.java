package org.tailguard.curate.dedup;

import java.util.Locale;

/**
 * The S-curve of MinHash LSH: the chance P(s) = 1 − (1 − s^r)^b that a pair with Jaccard index s becomes a
 * candidate under b bands of r rows (Leskovec, Rajaraman and Ullman, "Mining of Massive Datasets", §3.4.2).
 *
 * <p>Printed as a table for the run log, and kept as arrays for a chart.
 *
 * @param params the banding
 * @param threshold the target Jaccard threshold, marked in the table
 * @param similarity the similarities s, ascending
 * @param probability P(s) at each similarity
 */
public record SCurve(LshParams params, double threshold, double[] similarity, double[] probability) {

  /** The curve on s = 0, 1/steps, …, 1, with the threshold and the effective threshold inserted. */
  public static SCurve of(LshParams params, double threshold, int steps) {
    java.util.TreeSet<Double> xs = new java.util.TreeSet<>();
    for (int i = 0; i <= steps; i++) {
      xs.add(i / (double) steps);
    }
    xs.add(threshold);
    xs.add(params.effectiveThreshold());
    double[] s = xs.stream().mapToDouble(Double::doubleValue).toArray();
    double[] p = new double[s.length];
    for (int i = 0; i < s.length; i++) {
      p[i] = params.catchProbability(s[i]);
    }
    return new SCurve(params, threshold, s, p);
  }

  /** A plain-text table: similarity, catch probability and a bar, with the two thresholds marked. */
  public String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "S-curve for b=%d bands x r=%d rows (k used = %d), target t=%.3f,"
        + " effective (1/b)^(1/r)=%.3f%n", params.bands(), params.rows(), params.used(), threshold,
        params.effectiveThreshold()));
    sb.append(String.format(Locale.ROOT, "FP area below t = %.5f, FN area above t = %.5f%n",
        params.falsePositiveArea(threshold), params.falseNegativeArea(threshold)));
    sb.append(String.format(Locale.ROOT, "%9s  %11s  %s%n", "jaccard", "P(caught)", ""));
    for (int i = 0; i < similarity.length; i++) {
      String mark = similarity[i] == threshold ? "  <- target" : similarity[i] == params.effectiveThreshold()
          ? "  <- (1/b)^(1/r)" : "";
      int bar = (int) Math.round(probability[i] * 40);
      sb.append(String.format(Locale.ROOT, "%9.3f  %11.6f  %s%s%n", similarity[i], probability[i],
          "#".repeat(bar), mark));
    }
    return sb.toString();
  }
}
