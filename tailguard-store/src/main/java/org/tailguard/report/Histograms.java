package org.tailguard.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.tailguard.metrics.Summary;
import org.tailguard.store.StoredIndicator;
import org.tailguard.store.SummaryRow;

/**
 * Histograms that a family records as one indicator per bin, drawn as one chart that overlays the
 * histograms of several generations, in the form of Shumailov et al. (Nature 2024), Fig. 1 left: the
 * shares of generated sequences by their perplexity under the generation-0 model, per generation.
 *
 * <p>The convention, which any family can follow: an indicator named {@code <base>_bin_<digits>} whose
 * description ends with {@code bin [lo, hi)} (decimal edges; {@code hi} may be {@code ∞}) is bin number
 * {@code <digits>} of histogram {@code <base>}; its value is the share of the generation's items in the
 * bin. Two or more such bins make a histogram; the text before {@code bin [} (less a trailing comma) is
 * the histogram's description. The chart plots each generation's <em>mean</em> share over chains (for
 * chains of equal size, the pooled share; a median would not sum to 1) as a step outline over the bins
 * that are non-empty in some generation, the x axis logarithmic when every edge is positive. An open last
 * bin is drawn as wide (on that axis) as the bin before it.
 */
final class Histograms {
  private static final Pattern NAME = Pattern.compile("(.+)_bin_(\\d+)");
  private static final Pattern INTERVAL = Pattern.compile(
      "(.*?),?\\s*bin \\[([-+0-9.eE]+), ([-+0-9.eE]+|∞|inf|Infinity)\\)\\s*$");

  private Histograms() {}

  /**
   * One bin.
   *
   * @param name the indicator's name
   * @param index the bin number
   * @param lower the lower edge
   * @param upper the upper edge, possibly infinite
   */
  record Bin(String name, int index, double lower, double upper) {}

  /**
   * A histogram: its base name, description and bins in order of bin number.
   *
   * @param base the name before {@code _bin_}
   * @param description the bins' shared description
   * @param bins the bins, by bin number
   */
  record Histogram(String base, String description, List<Bin> bins) {
    /** The range the bins cover, as {@code [lo, hi)}. */
    String range() {
      return "[" + Html.num(bins.getFirst().lower()) + ", " + Html.num(bins.getLast().upper()) + ")";
    }
  }

  /** The histograms among a run's indicators, in order of first appearance. */
  static List<Histogram> find(List<StoredIndicator> indicators) {
    Map<String, List<Bin>> bins = new LinkedHashMap<>();
    Map<String, String> descriptions = new LinkedHashMap<>();
    for (StoredIndicator ind : indicators) {
      Matcher n = NAME.matcher(ind.name());
      Matcher d = INTERVAL.matcher(ind.description());
      if (n.matches() && d.matches()) {
        double lo = Double.parseDouble(d.group(2));
        double hi = d.group(3).equals("∞") || d.group(3).startsWith("inf") ? Double.POSITIVE_INFINITY
            : Double.parseDouble(d.group(3));
        if (lo < hi) {
          bins.computeIfAbsent(n.group(1), k -> new ArrayList<>()).add(
              new Bin(ind.name(), Integer.parseInt(n.group(2)), lo, hi));
          descriptions.putIfAbsent(n.group(1), d.group(1).strip());
        }
      }
    }
    List<Histogram> out = new ArrayList<>();
    for (Map.Entry<String, List<Bin>> e : bins.entrySet()) {
      if (e.getValue().size() >= 2) {
        List<Bin> sorted = e.getValue().stream().sorted(Comparator.comparingInt(Bin::index)).toList();
        out.add(new Histogram(e.getKey(), descriptions.get(e.getKey()), sorted));
      }
    }
    return out;
  }

  /** Whether the indicator is a bin of one of the histograms. */
  static boolean isBin(List<Histogram> histograms, String indicator) {
    return histograms.stream().anyMatch(h -> h.bins().stream().anyMatch(b -> b.name().equals(indicator)));
  }

  /**
   * Renders the histograms of the given generations, overlaid, from a run's summary rows.
   *
   * @return the chart, or null if no generation has a finite share
   */
  static Charts.Plot render(String title, Histogram h, List<SummaryRow> rows, List<Integer> generations,
      String caption) throws IOException {
    Map<String, Map<Integer, Summary>> by = new LinkedHashMap<>();
    for (SummaryRow r : rows) {
      by.computeIfAbsent(r.indicator(), k -> new LinkedHashMap<>()).put(r.generation(), r.summary());
    }
    int nb = h.bins().size();
    List<Integer> shown = new ArrayList<>();
    List<double[]> shares = new ArrayList<>();
    int first = nb;
    int last = -1;
    for (int g : generations) {
      double[] s = new double[nb];
      boolean finite = false;
      for (int i = 0; i < nb; i++) {
        Summary x = by.getOrDefault(h.bins().get(i).name(), Map.of()).get(g);
        s[i] = x == null || !Double.isFinite(x.mean()) ? 0 : 100 * x.mean();
        finite |= x != null && Double.isFinite(x.mean());
        if (s[i] > 0) {
          first = Math.min(first, i);
          last = Math.max(last, i);
        }
      }
      if (finite) {
        shown.add(g);
        shares.add(s);
      }
    }
    if (shown.isEmpty() || last < 0) {
      return null;
    }
    double[] lo = new double[nb];
    double[] hi = new double[nb];
    boolean log = h.bins().getFirst().lower() > 0;
    for (int i = 0; i < nb; i++) {
      lo[i] = h.bins().get(i).lower();
      hi[i] = h.bins().get(i).upper();
      if (Double.isInfinite(hi[i])) { // an open bin, drawn as wide as the one before it
        double w = i > 0 ? (log ? lo[i] / lo[i - 1] : lo[i] - lo[i - 1]) : (log ? 10 : 1);
        hi[i] = log ? lo[i] * w : lo[i] + w;
      }
    }

    XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title)
        .xAxisTitle(h.base() + (log ? " (log scale)" : "")).yAxisTitle("share per bin (%)").build();
    Charts.style(chart, false, false);
    chart.getStyler().setXAxisLogarithmic(log);
    chart.getStyler().setXAxisLogarithmicDecadeOnly(log && hi[last] / lo[first] >= 100); // as Charts does for y
    chart.getStyler().setXAxisDecimalPattern("#,##0.#");
    chart.getStyler().setXAxisMin(lo[first]);
    chart.getStyler().setXAxisMax(hi[last]);
    chart.getStyler().setYAxisMin(0.0);
    for (int k = 0; k < shown.size(); k++) {
      double[] s = shares.get(k);
      int n = last - first + 1;
      double[] x = new double[2 * n + 2];
      double[] y = new double[2 * n + 2];
      x[0] = lo[first];
      for (int i = first, j = 1; i <= last; i++, j += 2) {
        x[j] = lo[i];
        y[j] = s[i];
        x[j + 1] = hi[i];
        y[j + 1] = s[i];
      }
      x[2 * n + 1] = hi[last];
      Color c = ramp(k, shown.size());
      XYSeries series = chart.addSeries("generation " + shown.get(k), x, y);
      series.setMarker(SeriesMarkers.NONE);
      series.setLineColor(c);
      series.setLineWidth(k == 0 ? 3f : 2f);
      if (k == 0) { // the reference generation, filled lightly under its outline
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        series.setFillColor(Charts.alpha(c, 40));
      } else {
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setLineStyle(new BasicStroke(2f));
      }
    }
    BufferedImage img = BitmapEncoder.getBufferedImage(chart);
    return new Charts.Plot(Charts.png(Charts.withCaption(img, caption)), null);
  }

  /** Colour k of n along viridis (Smith and van der Walt 2015), stopping before its light yellow end. */
  static Color ramp(int k, int n) {
    float[][] stops = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {190, 210, 40}};
    double t = n <= 1 ? 0 : (double) k / (n - 1) * (stops.length - 1);
    int i = Math.min((int) t, stops.length - 2);
    double f = t - i;
    int[] rgb = new int[3];
    for (int c = 0; c < 3; c++) {
      rgb[c] = (int) Math.round(stops[i][c] + f * (stops[i + 1][c] - stops[i][c]));
    }
    return new Color(rgb[0], rgb[1], rgb[2]);
  }

  /** The caption's account of the bins. */
  static String binsNote(Histogram h) {
    return String.format(Locale.ROOT, "%d bins over %s; each curve is one generation's mean share over chains",
        h.bins().size(), h.range());
  }
}
