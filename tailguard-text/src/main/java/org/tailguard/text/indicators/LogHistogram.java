package org.tailguard.text.indicators;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A histogram over fixed, logarithmically spaced bins: bin i covers [10^(i/k), 10^((i+1)/k)) for
 * i = 0 .. k·d − 1 (k bins per decade over d decades from 1), and a last bin [10^d, ∞) takes everything
 * above. It is the form of Shumailov et al. (Nature 2024), Fig. 1 left: per generation, the shares of
 * generated sequences by their perplexity under the generation-0 model, on a log axis.
 *
 * <p>The bins start at 1 because a perplexity is at least 1; a value below 1 (rounding of a sentence of
 * probability 1) counts in the first bin, NaN in none. Fixed edges, rather than edges fitted to a run's
 * data, make every chain, generation and run share the same bins, so that shares can be averaged over
 * chains and overlaid across runs. {@link #interval} writes a bin as {@code [lo, hi)} with four
 * significant digits, the form the report reads back from an indicator's description to draw the
 * histogram ({@code org.tailguard.report}).
 *
 * @param perDecade bins per factor of 10, at least 1
 * @param decades the decades covered before the overflow bin, at least 1
 */
public record LogHistogram(int perDecade, int decades) {
  public LogHistogram {
    if (perDecade < 1 || decades < 1) {
      throw new IllegalArgumentException("need at least one bin per decade and one decade, got " + perDecade
          + " per decade over " + decades);
    }
  }

  /** The number of bins, the overflow bin included. */
  public int bins() {
    return perDecade * decades + 1;
  }

  /** The lower edge of bin i: 10^(i/k). */
  public double lower(int i) {
    return Math.pow(10, (double) i / perDecade);
  }

  /** The upper edge of bin i, infinite for the last. */
  public double upper(int i) {
    return i == bins() - 1 ? Double.POSITIVE_INFINITY : lower(i + 1);
  }

  /** The bin of a value, or −1 for NaN. */
  public int bin(double v) {
    if (Double.isNaN(v)) {
      return -1;
    }
    int last = bins() - 1;
    if (v >= lower(last)) {
      return last;
    }
    if (v < lower(1)) {
      return 0;
    }
    int b = (int) Math.floor(Math.log10(v) * perDecade);
    // log10 may land one bin off at an edge; the edges themselves decide
    if (v < lower(b)) {
      b--;
    } else if (v >= lower(b + 1)) {
      b++;
    }
    return b;
  }

  /** The share of the non-NaN values in each bin (all zero if there are none); the shares sum to 1. */
  public double[] shares(double[] values) {
    double[] out = new double[bins()];
    long n = 0;
    for (double v : values) {
      int b = bin(v);
      if (b >= 0) {
        out[b]++;
        n++;
      }
    }
    if (n > 0) {
      for (int i = 0; i < out.length; i++) {
        out[i] /= n;
      }
    }
    return out;
  }

  /** Bin i as {@code [lo, hi)}, edges to four significant digits; the last as {@code [lo, ∞)}. */
  public String interval(int i) {
    return "[" + plain(lower(i)) + ", " + (i == bins() - 1 ? "∞" : plain(upper(i))) + ")";
  }

  private static String plain(double v) {
    return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
