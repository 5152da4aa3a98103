package org.tailguard.monitor;

import it.unimi.dsi.fastutil.objects.Object2LongMap;
import it.unimi.dsi.fastutil.objects.Object2LongOpenHashMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Distances between two n-gram frequency distributions, the statistics WhyLabs (Hellinger, its default),
 * Evidently (PSI, Jensen–Shannon) and collapse-science §4 use for drift, over a shared binning.
 *
 * <p>Definitions, for counts c (reference) and d (current) over the same B bins, p = c/Σc, q = d/Σd:
 * <ul>
 *   <li>Hellinger H = √(1 − Σ √(pᵢ qᵢ)) = ‖√p − √q‖₂/√2, in [0, 1] (Hellinger 1909; no smoothing needed);</li>
 *   <li>Jensen–Shannon distance = √JSD with JSD = ½ KL(p‖m) + ½ KL(q‖m), m = (p + q)/2, logarithms in base 2,
 *       in [0, 1] (Lin, IEEE Trans. Inf. Theory 37(1), 1991; as SciPy's {@code jensenshannon(p, q, base=2)},
 *       which Evidently calls); no smoothing needed;</li>
 *   <li>PSI = Σ (qᵢ − pᵢ) ln(qᵢ/pᵢ) (the population stability index; Yurdakul, "Statistical properties of
 *       population stability index", 2018), with Evidently's smoothing: a zero share is replaced by 10⁻⁴
 *       before the sum.</li>
 * </ul>
 * {@link #binned} builds the bins for n-gram counts: the {@code bins} most frequent n-grams of the two
 * samples pooled (ties by text), plus one bin for everything else, so that the long tail of n-grams seen
 * once does not turn sampling noise into distance.
 */
public final class NGramDistances {
  /** Evidently's replacement for a zero share in PSI. */
  public static final double PSI_FLOOR = 1e-4;
  /** The default number of named bins before the "other" bin. */
  public static final int DEFAULT_BINS = 1000;

  private NGramDistances() {}

  /** The three distances of one pair of distributions. */
  public record Distances(double hellinger, double jensenShannon, double psi, int bins) {}

  /** All three distances of two count vectors over the same bins. */
  public static Distances of(long[] c, long[] d) {
    return new Distances(hellinger(c, d), jensenShannon(c, d), psi(c, d), c.length);
  }

  /** The Hellinger distance of the normalised counts. */
  public static double hellinger(long[] c, long[] d) {
    double[] p = shares(c);
    double[] q = shares(d);
    double bc = 0;
    for (int i = 0; i < p.length; i++) {
      bc += Math.sqrt(p[i] * q[i]);
    }
    return Math.sqrt(Math.max(0, 1 - bc));
  }

  /** The Jensen–Shannon distance (base 2) of the normalised counts. */
  public static double jensenShannon(long[] c, long[] d) {
    double[] p = shares(c);
    double[] q = shares(d);
    double js = 0;
    for (int i = 0; i < p.length; i++) {
      double m = (p[i] + q[i]) / 2;
      if (p[i] > 0) {
        js += 0.5 * p[i] * Math.log(p[i] / m);
      }
      if (q[i] > 0) {
        js += 0.5 * q[i] * Math.log(q[i] / m);
      }
    }
    return Math.sqrt(Math.max(0, js / Math.log(2)));
  }

  /** The population stability index of current d against reference c, zero shares floored at 10⁻⁴. */
  public static double psi(long[] c, long[] d) {
    double[] p = shares(c);
    double[] q = shares(d);
    double psi = 0;
    for (int i = 0; i < p.length; i++) {
      double a = Math.max(p[i], PSI_FLOOR);
      double b = Math.max(q[i], PSI_FLOOR);
      psi += (b - a) * Math.log(b / a);
    }
    return psi;
  }

  /**
   * Shared bins of two n-gram count tables: the {@code bins} most frequent n-grams of the pooled counts,
   * then one "other" bin. Returns the two count vectors, reference first.
   */
  public static long[][] binned(Map<String, Long> reference, Map<String, Long> current, int bins) {
    Object2LongOpenHashMap<String> pooled = new Object2LongOpenHashMap<>();
    reference.forEach(pooled::addTo);
    current.forEach(pooled::addTo);
    List<Object2LongMap.Entry<String>> entries = new ArrayList<>(pooled.object2LongEntrySet());
    entries.sort(Comparator.<Object2LongMap.Entry<String>>comparingLong(Object2LongMap.Entry::getLongValue).reversed()
        .thenComparing(Object2LongMap.Entry::getKey));
    int named = Math.min(bins, entries.size());
    long[] c = new long[named + 1];
    long[] d = new long[named + 1];
    long cNamed = 0;
    long dNamed = 0;
    for (int i = 0; i < named; i++) {
      String g = entries.get(i).getKey();
      c[i] = reference.getOrDefault(g, 0L);
      d[i] = current.getOrDefault(g, 0L);
      cNamed += c[i];
      dNamed += d[i];
    }
    c[named] = reference.values().stream().mapToLong(Long::longValue).sum() - cNamed;
    d[named] = current.values().stream().mapToLong(Long::longValue).sum() - dNamed;
    return new long[][] {c, d};
  }

  private static double[] shares(long[] counts) {
    long total = 0;
    for (long x : counts) {
      if (x < 0) {
        throw new IllegalArgumentException("counts: must be non-negative, got " + x);
      }
      total += x;
    }
    if (total == 0) {
      throw new IllegalArgumentException("counts: all zero");
    }
    double[] p = new double[counts.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = (double) counts[i] / total;
    }
    return p;
  }
}
