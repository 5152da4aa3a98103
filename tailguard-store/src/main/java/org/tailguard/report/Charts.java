package org.tailguard.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws median curves with shaded 10–90 % bands across generations as PNG, with XChart.
 *
 * <p>The band is one polygon per run (p90 left to right, then p10 back), drawn under the median line, as in
 * the figures of Shumailov et al. (Nature 2024). A log-scale indicator (shrinking variances) gets a log y
 * axis; since a log axis cannot show values ≤ 0, band edges ≤ 0 are drawn at the smallest positive value
 * and median points ≤ 0 are left out, and the caption says so. Without any positive value the axis falls
 * back to linear. Non-finite points are left out.
 */
final class Charts {
  static {
    System.setProperty("java.awt.headless", "true"); // reports run on servers and in CI, without a display
  }

  static final int WIDTH = 960;
  static final int HEIGHT = 540;
  /** Okabe–Ito colours: distinguishable with the common forms of colour blindness. */
  static final Color[] PALETTE = {
      new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
      new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442)};
  private static final Color INK = new Color(0x1F2933);
  private static final Color MUTED = new Color(0x52606D);
  private static final Color GRID = new Color(0xE4E7EB);

  /** A rendered chart and what the caption had to add about it (null when nothing). */
  record Plot(byte[] png, String note) {}

  private Charts() {}

  static Color color(int i) {
    return PALETTE[i % PALETTE.length];
  }

  /**
   * Renders one indicator's curves.
   *
   * @param title the chart title
   * @param yTitle the y-axis title
   * @param logScale whether the indicator asks for a log axis
   * @param curves one curve per run
   * @param caption the caption line under the chart
   * @param bandsInLegend whether the bands get legend entries (one run: yes; many: the caption explains)
   * @return the chart, or null if no curve has a finite value
   */
  static Plot render(String title, String yTitle, boolean logScale, List<Curve> curves, String caption,
      boolean bandsInLegend) throws IOException {
    if (curves.stream().noneMatch(Curve::hasData)) {
      return null;
    }
    boolean log = logScale;
    String note = null;
    double floor = Double.POSITIVE_INFINITY;
    double top = 0;
    boolean clipped = false;
    if (log) {
      for (Curve c : curves) {
        for (double[] a : List.of(c.median(), c.p10(), c.p90())) {
          for (double v : a) {
            if (Double.isFinite(v) && v > 0) {
              floor = Math.min(floor, v);
              top = Math.max(top, v);
            } else if (Double.isFinite(v)) {
              clipped = true;
            }
          }
        }
      }
      if (floor == Double.POSITIVE_INFINITY) {
        log = false;
        note = "linear axis: no positive values to show on a log scale";
      } else if (clipped) {
        note = "log axis: band edges ≤ 0 drawn at the smallest positive value, median points ≤ 0 omitted";
      }
    }

    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle("generation").yAxisTitle(yTitle + (log ? " (log scale)" : "")).build();
    style(chart, log, top / floor >= 100);
    boolean any = false;
    for (Curve c : curves) {
      any |= addBand(chart, c, log, floor, bandsInLegend);
    }
    for (Curve c : curves) {
      any |= addMedian(chart, c, log, curves.size() == 1 ? "median" : c.label());
    }
    if (!any) {
      return null;
    }
    BufferedImage img = BitmapEncoder.getBufferedImage(chart);
    return new Plot(png(withCaption(img, note == null ? caption : caption + " — " + note)), note);
  }

  static void style(XYChart chart, boolean log, boolean manyDecades) {
    var s = chart.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(false);
    s.setPlotGridLinesColor(GRID);
    s.setPlotGridLinesStroke(new BasicStroke(1f));
    s.setChartTitleBoxVisible(false);
    s.setChartFontColor(INK);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
    s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setAxisTickLabelsColor(MUTED);
    s.setAxisTickMarksColor(GRID);
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    s.setLegendBorderColor(Color.WHITE);
    s.setLegendBackgroundColor(new Color(255, 255, 255, 220));
    s.setLegendPosition(Styler.LegendPosition.OutsideS);
    s.setLegendLayout(Styler.LegendLayout.Horizontal);
    s.setChartPadding(14);
    s.setMarkerSize(7);
    s.setXAxisDecimalPattern("#,##0");
    s.setPlotGridVerticalLinesVisible(false);
    s.setYAxisLogarithmic(log);
    // Within two decades label 2, 3, … too, so that a narrow band still gets ticks; beyond, decades only.
    s.setYAxisLogarithmicDecadeOnly(manyDecades);
    s.setAntiAlias(true);
    s.setTextAntiAlias(true);
  }

  private static boolean addBand(XYChart chart, Curve c, boolean log, double floor, boolean inLegend) {
    List<double[]> pts = new ArrayList<>(); // (g, lo, hi)
    for (int i = 0; i < c.generations().length; i++) {
      double lo = c.p10()[i];
      double hi = c.p90()[i];
      if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
        continue;
      }
      if (log) {
        lo = Math.max(lo, floor);
        hi = Math.max(hi, floor);
      }
      pts.add(new double[] {c.generations()[i], lo, hi});
    }
    if (pts.size() < 2) {
      return false;
    }
    // The ring p90 left to right, then p10 right to left, started at its middle: XChart 4 puts a tick on
    // every x value when the chart's x values, in series order, are equally spaced; a ring that begins
    // mid-way is not, so the axis gets round tick steps (0, 10, 20, …) instead of one tick per generation.
    int n = pts.size();
    int mid = n / 2;
    double[] x = new double[2 * n];
    double[] y = new double[2 * n];
    int k = 0;
    for (int i = mid; i < n; i++, k++) {
      x[k] = pts.get(i)[0];
      y[k] = pts.get(i)[2];
    }
    for (int i = n - 1; i >= 0; i--, k++) {
      x[k] = pts.get(i)[0];
      y[k] = pts.get(i)[1];
    }
    for (int i = 0; i < mid; i++, k++) {
      x[k] = pts.get(i)[0];
      y[k] = pts.get(i)[2];
    }
    XYSeries band = chart.addSeries(c.label() + " 10–90 %", x, y);
    band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    band.setFillColor(alpha(c.color(), 56));
    band.setLineColor(alpha(c.color(), 0));
    band.setLineWidth(0.1f);
    band.setMarker(SeriesMarkers.NONE);
    band.setShowInLegend(inLegend);
    if (inLegend) {
      band.setLabel("10–90 % of chains");
    }
    return true;
  }

  private static boolean addMedian(XYChart chart, Curve c, boolean log, String label) {
    List<double[]> pts = new ArrayList<>();
    for (int i = 0; i < c.generations().length; i++) {
      double m = c.median()[i];
      if (Double.isFinite(m) && (!log || m > 0)) {
        pts.add(new double[] {c.generations()[i], m});
      }
    }
    if (pts.isEmpty()) {
      return false;
    }
    double[] x = pts.stream().mapToDouble(p -> p[0]).toArray();
    double[] y = pts.stream().mapToDouble(p -> p[1]).toArray();
    XYSeries s = chart.addSeries(c.label(), x, y);
    s.setLabel(label);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setLineColor(c.color());
    s.setLineWidth(2.5f);
    s.setMarkerColor(c.color());
    s.setMarker(pts.size() == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    return true;
  }

  static BufferedImage withCaption(BufferedImage chart, String caption) {
    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D pg = probe.createGraphics();
    FontMetrics fm = pg.getFontMetrics(font);
    List<String> lines = wrap(caption, fm, chart.getWidth() - 40);
    pg.dispose();
    int lineH = fm.getHeight() + 2;
    int h = chart.getHeight() + lines.size() * lineH + 14;
    BufferedImage out = new BufferedImage(chart.getWidth(), h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), h);
    g.drawImage(chart, 0, 0, null);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(font);
    g.setColor(MUTED);
    int y = chart.getHeight() + fm.getAscent();
    for (String line : lines) {
      g.drawString(line, 20, y);
      y += lineH;
    }
    g.dispose();
    return out;
  }

  private static List<String> wrap(String text, FontMetrics fm, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      String next = line.isEmpty() ? word : line + " " + word;
      if (fm.stringWidth(next) > width && !line.isEmpty()) {
        lines.add(line.toString());
        line = new StringBuilder(word);
      } else {
        line = new StringBuilder(next);
      }
    }
    if (!line.isEmpty()) {
      lines.add(line.toString());
    }
    return lines;
  }

  static byte[] png(BufferedImage img) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
    if (!ImageIO.write(img, "png", out)) {
      throw new IOException("no PNG writer available");
    }
    return out.toByteArray();
  }

  static Color alpha(Color c, int a) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), a);
  }
}
