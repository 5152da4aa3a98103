package org.tailguard.detect;

import java.util.Map;
import java.util.TreeMap;

/**
 * One detector's calibrated thresholds at one target false-positive rate, per domain and text length, as
 * RAID calibrates per domain (Dugan et al. 2024); each is {@link Calibration#threshold} on that domain's
 * human calibration texts of that length.
 *
 * <p>A text of n words uses the calibrated length nearest to n on a log scale (scores of short texts
 * spread more, so a threshold must match the length). A text of unknown domain uses the largest threshold
 * over the domains at that length, so its false-positive rate is at most the target in every calibrated
 * domain.
 *
 * @param fpr the target false-positive rate
 * @param byDomain domain → (length in words → threshold)
 */
public record Thresholds(double fpr, Map<String, Map<Integer, Double>> byDomain) {
  public Thresholds {
    Map<String, Map<Integer, Double>> copy = new TreeMap<>();
    byDomain.forEach((d, m) -> copy.put(d, java.util.Collections.unmodifiableMap(new TreeMap<>(m))));
    byDomain = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * The threshold for a text.
   *
   * @param domain the text's domain, or null if unknown
   * @param words the text's length in words
   * @return the threshold, or +∞ if nothing is calibrated
   */
  public double threshold(String domain, int words) {
    Map<Integer, Double> m = domain == null ? null : byDomain.get(domain);
    if (m != null) {
      return m.get(nearest(m, words));
    }
    double t = Double.NEGATIVE_INFINITY;
    for (Map<Integer, Double> d : byDomain.values()) {
      t = Math.max(t, d.get(nearest(d, words)));
    }
    return t == Double.NEGATIVE_INFINITY ? Double.POSITIVE_INFINITY : t;
  }

  private static int nearest(Map<Integer, Double> m, int words) {
    double lw = Math.log(Math.max(1, words));
    int best = -1;
    double gap = Double.POSITIVE_INFINITY;
    for (int len : m.keySet()) {
      double g = Math.abs(Math.log(len) - lw);
      if (g < gap) {
        gap = g;
        best = len;
      }
    }
    return best;
  }
}
