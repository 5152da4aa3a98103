package org.tailguard.report;

import java.awt.Color;
import java.util.List;
import org.tailguard.store.SummaryRow;

/**
 * One run's summary of one indicator across generations: the median curve and its 10–90 % band.
 *
 * @param label the legend label
 * @param color the series colour
 * @param generations the generations, ascending
 * @param median the median over chains at each generation
 * @param p10 the 10th percentile
 * @param p90 the 90th percentile
 */
record Curve(String label, Color color, double[] generations, double[] median, double[] p10, double[] p90) {

  /** The curve of one indicator from a run's summary rows (any order of indicators, generations ascending). */
  static Curve of(String label, Color color, String indicator, List<SummaryRow> rows) {
    List<SummaryRow> mine = rows.stream().filter(r -> r.indicator().equals(indicator)).toList();
    int n = mine.size();
    double[] g = new double[n];
    double[] med = new double[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    for (int i = 0; i < n; i++) {
      SummaryRow r = mine.get(i);
      g[i] = r.generation();
      med[i] = r.summary().median();
      lo[i] = r.summary().p10();
      hi[i] = r.summary().p90();
    }
    return new Curve(label, color, g, med, lo, hi);
  }

  /** Whether any median or band value is finite. */
  boolean hasData() {
    for (int i = 0; i < generations.length; i++) {
      if (Double.isFinite(median[i]) || Double.isFinite(p10[i]) || Double.isFinite(p90[i])) {
        return true;
      }
    }
    return false;
  }
}
