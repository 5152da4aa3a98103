package org.tailguard.curate;

import java.util.Arrays;

/**
 * Counts of a score in fixed equal-width bins, with under- and overflow bins and a NaN count; histograms of
 * the same {@link Spec} merge by adding counts, so shard histograms add up to the run's.
 */
public final class Histogram {
  private final Spec spec;
  private final long[] counts; // [underflow, bins..., overflow, nan]

  /**
   * The bins of a histogram.
   *
   * @param name the score, such as {@code log10_perplexity}
   * @param lo the lower edge of the first bin
   * @param hi the upper edge of the last bin
   * @param bins the number of bins, at least 1
   */
  public record Spec(String name, double lo, double hi, int bins) implements java.io.Serializable {
    public Spec {
      if (!(hi > lo) || bins < 1) {
        throw new IllegalArgumentException("histogram " + name + " needs lo < hi and bins >= 1");
      }
    }
  }

  public Histogram(Spec spec) {
    this(spec, new long[spec.bins() + 3]);
  }

  private Histogram(Spec spec, long[] counts) {
    this.spec = spec;
    this.counts = counts;
  }

  /** A histogram from stored counts ({@link #counts()}). */
  public static Histogram of(Spec spec, long[] counts) {
    if (counts.length != spec.bins() + 3) {
      throw new IllegalArgumentException("histogram " + spec.name() + ": expected " + (spec.bins() + 3) + " counts");
    }
    return new Histogram(spec, counts.clone());
  }

  public Spec spec() {
    return spec;
  }

  /** Adds one value. */
  public void add(double x) {
    int n = spec.bins();
    if (Double.isNaN(x)) {
      counts[n + 2]++;
    } else if (x < spec.lo()) {
      counts[0]++;
    } else if (x >= spec.hi()) {
      counts[n + 1]++;
    } else {
      int b = (int) ((x - spec.lo()) / (spec.hi() - spec.lo()) * n);
      counts[1 + Math.min(b, n - 1)]++;
    }
  }

  /** Adds another histogram's counts. */
  public void merge(Histogram o) {
    if (!o.spec.equals(spec)) {
      throw new IllegalArgumentException("cannot merge histograms " + spec + " and " + o.spec);
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] += o.counts[i];
    }
  }

  /** Underflow, the bins in order, overflow, NaN. */
  public long[] counts() {
    return counts.clone();
  }

  /** The number of values added. */
  public long total() {
    return Arrays.stream(counts).sum();
  }
}
