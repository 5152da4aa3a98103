package org.tailguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tailguard text losses}, {@code text bench --quick} and an ngram run's report, end to end. */
class TextCliTest {
  @Test
  void losses_printsTheTimeToLossAndGenreCoverage() {
    CliTest.Result r = CliTest.cli("text", "losses", "--samples", "800", "--generations", "2", "--top", "5");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("words lost") && r.out().contains("vanished at gen"), r.out());
    assertTrue(r.out().contains("science_fiction"), "per-genre coverage for Brown: " + r.out());
  }

  @Test
  void quickBench_printsEveryRatio() {
    CliTest.Result r = CliTest.cli("text", "bench", "--quick");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("in this JVM: build"), r.out());
    assertTrue(r.out().contains("Self-BLEU"), r.out());
    assertTrue(r.out().contains("generations ×"), r.out());
  }

  /**
   * An ngram run prints its perplexity histogram (Shumailov et al. Fig. 1 left) as one line, not one row
   * per bin, and its report draws it as one chart.
   */
  @Test
  void ngramRun_showsThePerplexityHistogramOnceAndDrawsIt(@TempDir Path dir) throws Exception {
    Path spec = Files.writeString(dir.resolve("t.yaml"), """
        name: ngram-hist
        seed: 3
        chains: 1
        generations: 2
        model: {family: ngram, corpus: "brown:train:news", held_out: "brown:test:news", observer: "moby-dick:1-20",
          order: 2, probe_sentences: 200}
        workflow: {type: replace, samples: 600}
        """);
    String data = dir.resolve("data").toString();
    CliTest.Result r = CliTest.cli("run", spec.toString(), "--data-dir", data, "--progress", "none", "--threads", "1");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("ppl_gen0: a histogram of 51 bins (ppl_gen0_bin_00 .. ppl_gen0_bin_50)"), r.out());
    assertFalse(r.out().contains("ppl_gen0_bin_07 "), "no row per bin: " + r.out());
    String id = r.out().lines().findFirst().orElseThrow().split(" ")[1];
    Path report = dir.resolve("data/runs").resolve(id).resolve("report");
    assertTrue(Files.size(report.resolve("ppl_gen0_histogram.png")) > 1000);
    String html = Files.readString(report.resolve("index.html"));
    assertTrue(html.contains("are one histogram"), "the table names the histogram instead of its bins");
    int p90 = html.indexOf("ppl_gen0_p90.png");
    int hist = html.indexOf("ppl_gen0_histogram.png");
    assertTrue(p90 >= 0 && p90 < hist && hist < html.indexOf("observer_ppl.png"), "drawn beside its quantiles");
  }
}
