package org.tailguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.models.Indicator;
import org.tailguard.models.ModelFamilies;
import org.tailguard.models.gaussian.Estimator;
import org.tailguard.models.gaussian.GaussianSpec;
import org.tailguard.sim.GenerationSink;
import org.tailguard.spec.ExperimentSpec;
import org.tailguard.spec.WorkflowSpec;
import org.tailguard.store.Provenance;
import org.tailguard.store.Run;
import org.tailguard.store.RunStore;
import org.tailguard.store.StoredIndicator;

/**
 * Histogram indicators ({@code <base>_bin_NN}, description ending in {@code bin [lo, hi)}): recognised,
 * left out of the table and of the line charts, and drawn as one chart of overlaid generations.
 */
class HistogramsTest {
  @TempDir
  Path dir;

  /** The description format of the ngram family's bins (LogHistogram.interval), pinned on both sides. */
  private static String description(String interval) {
    return "Shumailov et al. Fig. 1 left: share of probe sentences by their perplexity under generation 0, bin "
        + interval;
  }

  private static StoredIndicator ind(int index, String name, String description) {
    return new StoredIndicator(index, name, description, false);
  }

  @Test
  void find_groupsBinsByBaseAndReadsTheirEdges() {
    List<Histograms.Histogram> hs = Histograms.find(List.of(
        ind(0, "types", "distinct types"),
        ind(1, "ppl_bin_01", description("[1.259, 1.585)")),
        ind(2, "ppl_bin_00", description("[1, 1.259)")),
        ind(3, "ppl_bin_02", description("[100000, ∞)")),
        ind(4, "lonely_bin_00", "one bin is no histogram, bin [0, 1)"),
        ind(5, "odd_bin_00", "no interval at the end"),
        ind(6, "odd_bin_01", "bin [3, 2)")));
    assertEquals(1, hs.size());
    Histograms.Histogram h = hs.getFirst();
    assertEquals("ppl", h.base());
    assertEquals("Shumailov et al. Fig. 1 left: share of probe sentences by their perplexity under generation 0",
        h.description());
    assertEquals(List.of("ppl_bin_00", "ppl_bin_01", "ppl_bin_02"), h.bins().stream().map(Histograms.Bin::name).toList());
    assertEquals(1.259, h.bins().get(1).lower());
    assertEquals(Double.POSITIVE_INFINITY, h.bins().get(2).upper());
    assertTrue(Histograms.isBin(hs, "ppl_bin_02"));
    assertFalse(Histograms.isBin(hs, "lonely_bin_00"));
  }

  @Test
  void writeRun_drawsOneHistogramChartAndNoBinRows() throws IOException {
    try (RunStore store = RunStore.openForWriting(dir.resolve("t.db"))) {
      ExperimentSpec spec = new ExperimentSpec("hist", null, null, 1L, 2, 3, null,
          GaussianSpec.standard(Estimator.UNBIASED), WorkflowSpec.replace(10), null);
      Run run = store.createRun(spec, ModelFamilies.discover().specLoader(), Provenance.capture(1, List.of()));
      GenerationSink sink = store.sink(run.id());
      int bins = 8;
      List<Indicator> inds = new ArrayList<>(List.of(Indicator.of("median_ppl", "a median")));
      for (int b = 0; b < bins; b++) {
        double lo = Math.pow(10, b / 2.0);
        String hi = b == bins - 1 ? "∞" : Double.toString(Math.pow(10, (b + 1) / 2.0));
        inds.add(Indicator.optIn(String.format("ppl_bin_%02d", b), description("[" + lo + ", " + hi + ")")));
      }
      sink.start(inds, -1);
      for (int g = 0; g <= 3; g++) {
        double[][] rows = new double[2][bins + 1];
        for (int c = 0; c < 2; c++) {
          rows[c][0] = 100 - 10 * g;
          rows[c][1 + 4 - g] = 0.6; // mass moves to lower bins generation by generation
          rows[c][1 + 5] = 0.4 - 0.1 * g; // while a tail grows in the last bins
          rows[c][1 + 7] = 0.1 * g;
        }
        sink.generation(g, rows);
      }
      Path out = dir.resolve("report");
      String html = Files.readString(Reports.writeRun(store, run.id(), out));
      assertTrue(Files.exists(out.resolve("median_ppl.png")));
      assertFalse(Files.exists(out.resolve("ppl_bin_00.png")), "no chart per bin");
      assertFalse(html.contains("<strong>ppl_bin_03</strong>"), "no table row per bin");
      assertTrue(html.contains("are one histogram"), html);
      BufferedImage img = ImageIO.read(out.resolve("ppl_histogram.png").toFile());
      assertTrue(pixels(img, Histograms.ramp(0, 4)) > 300, "generation 0 drawn");
      assertTrue(pixels(img, Histograms.ramp(3, 4)) > 300, "generation 3 drawn");
      Files.createDirectories(Path.of("target", "report-samples"));
      Files.copy(out.resolve("ppl_histogram.png"), Path.of("target", "report-samples", "histogram.png"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);

      Path cmp = dir.resolve("compare");
      String chtml = Files.readString(Reports.writeComparison(store, List.of(run.id()), cmp));
      assertTrue(Files.exists(cmp.resolve("ppl_histogram_1.png")));
      assertFalse(chtml.contains("<strong>ppl_bin_03</strong>"), "no comparison row per bin");
    }
  }

  private static int pixels(BufferedImage img, Color c) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        int dr = ((rgb >> 16) & 0xff) - c.getRed();
        int dg = ((rgb >> 8) & 0xff) - c.getGreen();
        int db = (rgb & 0xff) - c.getBlue();
        if (dr * dr + dg * dg + db * db < 30 * 30) {
          n++;
        }
      }
    }
    return n;
  }
}
