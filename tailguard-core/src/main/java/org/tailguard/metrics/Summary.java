package org.tailguard.metrics;

import java.util.Arrays;

/**
 * The distribution of one indicator across chains at one generation: median, 10th and 90th percentiles.
 *
 * <p>Medians and percentile bands, not means, are the headline figures: under the unbiased Gaussian
 * estimator E[σ²] is a martingale that stays at 1 while the median falls as exp(−n/M) (Shumailov et al.,
 * Nature 2024), because the mean is carried by a few rare chains. Percentiles use linear interpolation
 * between order statistics (Hyndman and Fan 1996, definition 7, NumPy's default). Non-finite values are
 * left out and counted; ±∞ is kept for the percentiles only when it is a real value of the indicator
 * (KL with infinite policy), NaN never is.
 *
 * @param count the number of finite values
 * @param nan the number of NaN values left out
 */
public record Summary(double median, double p10, double p90, double mean, double sd, int count, int nan) {

  /** Summarises one indicator over chains. */
  public static Summary of(double[] values) {
    double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
    int nan = values.length - v.length;
    if (v.length == 0) {
      return new Summary(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, nan);
    }
    double sum = 0;
    int finite = 0;
    for (double x : v) {
      if (Double.isFinite(x)) {
        sum += x;
        finite++;
      }
    }
    double mean = finite == 0 ? Double.NaN : sum / finite;
    double ss = 0;
    for (double x : v) {
      if (Double.isFinite(x)) {
        ss += (x - mean) * (x - mean);
      }
    }
    double sd = finite < 2 ? Double.NaN : Math.sqrt(ss / (finite - 1));
    return new Summary(quantileSorted(v, 0.5), quantileSorted(v, 0.1), quantileSorted(v, 0.9), mean, sd, finite, nan);
  }

  /** Column {@code column} of {@code rows}, summarised. */
  public static Summary ofColumn(double[][] rows, int column) {
    double[] v = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      v[i] = rows[i][column];
    }
    return of(v);
  }

  /** The q-quantile of sorted values by linear interpolation (Hyndman and Fan type 7). */
  public static double quantileSorted(double[] sorted, double q) {
    if (sorted.length == 1) {
      return sorted[0];
    }
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    double a = sorted[lo];
    double b = sorted[hi];
    if (a == b || h == lo) {
      return a;
    }
    return a + (h - lo) * (b - a);
  }

  /** The standard error of the mean, sd/√count. */
  public double standardError() {
    return sd / Math.sqrt(count);
  }
}
