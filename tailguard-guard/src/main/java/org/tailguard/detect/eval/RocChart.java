package org.tailguard.detect.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
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
import org.tailguard.detect.Roc;

/**
 * ROC curves as PNG with XChart, in the house style of the store module's charts (white plot, light grid,
 * Okabe–Ito colours). The false-positive axis is logarithmic from {@value #FLOOR}, because the benchmark's
 * question is the true-positive rate at low false-positive rates (RAID; Binoculars); points at FPR 0 are
 * drawn at the floor.
 */
final class RocChart {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  static final double FLOOR = 1e-3;
  private static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
      new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442),
      new Color(0x999999)};

  private RocChart() {}

  /** All detectors at the report length, pooled over domains. */
  static byte[] pooled(EvalResult r) throws IOException {
    XYChart c = chart("ROC at " + r.config().reportLength() + " words, all domains");
    int i = 0;
    for (var e : r.roc().entrySet()) {
      add(c, e.getKey() + String.format(java.util.Locale.ROOT, " (AUROC %.3f)", Roc.auroc(e.getValue()[0], e.getValue()[1])),
          Roc.curve(e.getValue()[0], e.getValue()[1]), PALETTE[i++ % PALETTE.length]);
    }
    return png(c);
  }

  /** The primary (combined) detector per length: from its scores on the evaluation texts. */
  static byte[] byLength(EvalResult r) throws IOException {
    String d = r.model().primary();
    XYChart c = chart("ROC of the " + d + " detector by text length, all domains");
    int i = 0;
    for (int len : r.config().lengths()) {
      double[][] hm = r.rocByLength().get(len);
      if (hm != null) {
        add(c, len + " words (AUROC " + String.format(java.util.Locale.ROOT, "%.3f", Roc.auroc(hm[0], hm[1])) + ")",
            Roc.curve(hm[0], hm[1]), PALETTE[i++ % PALETTE.length]);
      }
    }
    return png(c);
  }

  private static XYChart chart(String title) {
    XYChart c = new XYChartBuilder().width(960).height(600).title(title).xAxisTitle("false-positive rate (log scale)")
        .yAxisTitle("true-positive rate").build();
    var s = c.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(false);
    s.setPlotGridLinesColor(new Color(0xE4E7EB));
    s.setChartTitleBoxVisible(false);
    s.setChartFontColor(new Color(0x1F2933));
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
    s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setLegendPosition(Styler.LegendPosition.InsideSE);
    s.setLegendBorderColor(Color.WHITE);
    s.setXAxisLogarithmic(true);
    s.setXAxisMin(FLOOR);
    s.setXAxisMax(1.0);
    s.setYAxisMin(0.0);
    s.setYAxisMax(1.0);
    s.setMarkerSize(0);
    s.setAntiAlias(true);
    return c;
  }

  private static void add(XYChart c, String name, List<double[]> pts, Color color) {
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (double[] p : pts) {
      x.add(Math.max(FLOOR, p[0]));
      y.add(p[1]);
    }
    XYSeries s = c.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setLineColor(color);
    s.setLineStyle(new BasicStroke(2.2f));
    s.setMarker(SeriesMarkers.NONE);
  }

  private static byte[] png(XYChart c) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(BitmapEncoder.getBufferedImage(c), "png", out);
    return out.toByteArray();
  }
}
