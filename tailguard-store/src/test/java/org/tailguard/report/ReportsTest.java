package org.tailguard.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.models.Indicator;
import org.tailguard.models.ModelFamilies;
import org.tailguard.models.gaussian.Estimator;
import org.tailguard.models.gaussian.GaussianFamily;
import org.tailguard.models.gaussian.GaussianSpec;
import org.tailguard.sim.GenerationSink;
import org.tailguard.sim.Simulator;
import org.tailguard.spec.ExperimentSpec;
import org.tailguard.spec.SpecLoader;
import org.tailguard.spec.Workflow;
import org.tailguard.spec.WorkflowSpec;
import org.tailguard.store.AtomicOutput;
import org.tailguard.store.Provenance;
import org.tailguard.store.Run;
import org.tailguard.store.RunStore;
import org.tailguard.store.StoredIndicator;

class ReportsTest {
  private static final SpecLoader LOADER = ModelFamilies.discover().specLoader();
  /** Reports a person can open after the build: target/report-samples/{run,compare}/index.html. */
  private static final Path SAMPLES = Path.of("target", "report-samples");

  @TempDir
  static Path dir;
  private static RunStore store;
  private static Run replace;
  private static Run accumulate;

  @BeforeAll
  static void runs() throws IOException {
    store = RunStore.openForWriting(dir.resolve("tailguard.db"));
    replace = simulate("gaussian-replace", WorkflowSpec.replace(100));
    accumulate = simulate("gaussian-accumulate", new WorkflowSpec(Workflow.ACCUMULATE, 100, null, null, null, null, 1.0));
  }

  @AfterAll
  static void close() {
    store.close();
  }

  private static Run simulate(String name, WorkflowSpec workflow) throws IOException {
    ExperimentSpec spec = new ExperimentSpec(name, "A 1-D Gaussian refitted to its own samples for 40 generations "
        + "<unbiased estimator>", "Shumailov et al., Nature 2024, Fig. 2 & Thm 3.1", 2026L, 40, 40, null,
        GaussianSpec.standard(Estimator.UNBIASED), workflow, null);
    Run run = store.createRun(spec, LOADER, Provenance.capture(1, List.of("tailguard", "run", name + ".yaml")));
    new Simulator(1).run(spec, new GaussianFamily(GaussianSpec.standard(Estimator.UNBIASED)), store.sink(run.id()), null);
    return store.markFinished(run.id());
  }

  @Test
  void writeRun_writesOnePngPerIndicatorAndASelfContainedPage() throws IOException {
    Path out = dir.resolve("report");
    Path index = Reports.writeRun(store, replace.id(), out);
    assertEquals(out.resolve("index.html"), index);
    String html = Files.readString(index);
    List<StoredIndicator> inds = store.indicators(replace.id());
    for (StoredIndicator ind : inds) {
      Path png = out.resolve(ind.name() + ".png");
      BufferedImage img = ImageIO.read(png.toFile());
      assertNotNull(img, png.toString());
      assertEquals(Charts.WIDTH, img.getWidth());
      assertTrue(img.getHeight() > Charts.HEIGHT, "caption strip below the chart");
      assertTrue(html.contains(Base64.getEncoder().encodeToString(Files.readAllBytes(png))), ind.name() + " inlined");
      assertTrue(colouredPixels(img, Charts.color(0)) > 500, ind.name() + ": median line drawn");
    }
    assertSelfContained(html, inds.size());
    for (String s : List.of(replace.name(), replace.id(), "Shumailov et al., Nature 2024, Fig. 2 &amp; Thm 3.1",
        "&lt;unbiased estimator&gt;", "finished", "type: replace", "tailguard run gaussian-replace.yaml",
        replace.specSha256(), "gen 0", "gen 30", "gen 40", "change")) {
      assertTrue(html.contains(s), "missing: " + s);
    }
    assertFalse(html.contains("<unbiased"), "description is escaped");
    copy(out, SAMPLES.resolve("run"));
  }

  @Test
  void writeComparison_overlaysRunsPerSharedIndicator() throws IOException {
    Path out = dir.resolve("compare");
    String html = Files.readString(Reports.writeComparison(store, List.of(replace.id(), accumulate.id()), out));
    List<StoredIndicator> inds = store.indicators(replace.id());
    for (StoredIndicator ind : inds) {
      BufferedImage img = ImageIO.read(out.resolve(ind.name() + ".png").toFile());
      assertTrue(colouredPixels(img, Charts.color(0)) > 300, ind.name() + ": first run drawn");
      assertTrue(colouredPixels(img, Charts.color(1)) > 300, ind.name() + ": second run drawn");
    }
    assertSelfContained(html, inds.size());
    assertTrue(html.contains("gaussian-replace vs gaussian-accumulate"));
    assertTrue(html.contains(replace.id()) && html.contains(accumulate.id()));
    assertThrows(IllegalArgumentException.class,
        () -> Reports.writeComparison(store, List.of(replace.id(), replace.id()), dir.resolve("x")));
    copy(out, SAMPLES.resolve("compare"));
  }

  @Test
  void writeRun_replacesItsOwnOutputButNotForeignDirectories() throws IOException {
    Path out = dir.resolve("again");
    Reports.writeRun(store, replace.id(), out);
    Files.writeString(out.resolve("stale.png"), "old");
    Reports.writeRun(store, accumulate.id(), out);
    assertFalse(Files.exists(out.resolve("stale.png")), "old report replaced as a whole");
    assertTrue(Files.readString(out.resolve("index.html")).contains(accumulate.id()));
    assertTrue(Files.exists(out.resolve(AtomicOutput.MARKER)));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(".again")).toList(),
          "no temporaries left");
    }

    Path mine = Files.createDirectories(dir.resolve("thesis"));
    Files.writeString(mine.resolve("chapter1.tex"), "precious");
    IOException e = assertThrows(IOException.class, () -> Reports.writeRun(store, replace.id(), mine));
    assertTrue(e.getMessage().contains("was not written by Tailguard"), e.getMessage());
    assertEquals("precious", Files.readString(mine.resolve("chapter1.tex")));
  }

  @Test
  void writeRun_copesWithZerosNegativesAndNaNOnALogAxis() throws IOException {
    ExperimentSpec spec = new ExperimentSpec("edge", null, null, 1L, 3, 3, null,
        GaussianSpec.standard(Estimator.UNBIASED), WorkflowSpec.replace(10), null);
    Run run = store.createRun(spec, LOADER, Provenance.capture(1, List.of()));
    GenerationSink sink = store.sink(run.id());
    sink.start(List.of(Indicator.log("shrinking", "crosses zero"), Indicator.log("never_positive", "≤ 0"),
        Indicator.of("undefined", "all NaN")), -1);
    double[][][] gens = {
        {{1.0, 0, Double.NaN}, {0.5, -1, Double.NaN}, {2.0, 0, Double.NaN}},
        {{0.1, 0, Double.NaN}, {-0.1, -2, Double.NaN}, {0.0, 0, Double.NaN}},
        {{1e-3, 0, Double.NaN}, {-0.5, -3, Double.NaN}, {0.0, 0, Double.NaN}},
        {{Double.POSITIVE_INFINITY, 0, Double.NaN}, {-0.5, -3, Double.NaN}, {0.0, 0, Double.NaN}}};
    for (int g = 0; g < gens.length; g++) {
      sink.generation(g, gens[g]);
    }
    Path out = dir.resolve("edge");
    String html = Files.readString(Reports.writeRun(store, run.id(), out));
    assertTrue(Files.exists(out.resolve("shrinking.png")));
    assertTrue(Files.exists(out.resolve("never_positive.png")));
    assertFalse(Files.exists(out.resolve("undefined.png")));
    assertTrue(html.contains("band edges ≤ 0 drawn at the smallest positive value"), "log clipping explained");
    assertTrue(html.contains("linear axis: no positive values"), "linear fallback explained");
    assertTrue(html.contains("<strong>undefined</strong>: no finite values to plot"));
    copy(out, SAMPLES.resolve("edge"));
  }

  @Test
  void number_formatIsCompactAndReadable() {
    assertEquals("0.9812", Html.num(0.98123456));
    assertEquals("1", Html.num(1.0));
    assertEquals("1235", Html.num(1234.5));
    assertEquals("−0.5", Html.num(-0.5));
    assertEquals("1.23×10⁻⁵", Html.num(1.23e-5));
    assertEquals("2×10⁷", Html.num(2e7));
    assertEquals("—", Html.num(Double.NaN));
    assertEquals("∞", Html.num(Double.POSITIVE_INFINITY));
    assertEquals(List.of(0, 1, 2), Html.milestones(2));
    assertEquals(List.of(0, 10, 20, 30, 40), Html.milestones(40));
    assertEquals(List.of(0, 50, 100, 150, 200), Html.milestones(200));
    assertEquals(List.of(0, 2, 4, 6, 8, 10, 12, 13), Html.milestones(13));
    assertEquals(List.of(), Html.milestones(-1));
    assertEquals("×0.5", Html.change(2, 1));
    assertEquals("−1.5", Html.change(0.5, -1));
  }

  /** No scripts, no external resources; every image is an inline PNG. */
  private static void assertSelfContained(String html, int images) {
    assertFalse(html.contains("<script"), "no scripts");
    assertFalse(html.contains("<link"), "no linked resources");
    assertFalse(Pattern.compile("(src|href)\\s*=\\s*\"(?!data:)").matcher(html).find(), "only data: URIs");
    assertFalse(html.contains("url("), "no CSS fetches");
    Matcher m = Pattern.compile("<img [^>]*src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
    List<byte[]> pngs = new ArrayList<>();
    while (m.find()) {
      pngs.add(Base64.getDecoder().decode(m.group(1)));
    }
    assertEquals(images, pngs.size());
    for (byte[] png : pngs) {
      assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
      try {
        assertNotNull(ImageIO.read(new ByteArrayInputStream(png)));
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
  }

  private static int colouredPixels(BufferedImage img, java.awt.Color c) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        int dr = ((rgb >> 16) & 0xff) - c.getRed();
        int dg = ((rgb >> 8) & 0xff) - c.getGreen();
        int db = (rgb & 0xff) - c.getBlue();
        if (dr * dr + dg * dg + db * db < 40 * 40) {
          n++;
        }
      }
    }
    return n;
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> s = Files.list(from)) {
      for (Path p : s.toList()) {
        Files.copy(p, to.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
