package org.tailguard.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tailguard.models.ModelFamilies;
import org.tailguard.models.gaussian.Estimator;
import org.tailguard.models.gaussian.GaussianFamily;
import org.tailguard.models.gaussian.GaussianSpec;
import org.tailguard.monitor.Monitor;
import org.tailguard.monitor.MonitorConfig;
import org.tailguard.monitor.MonitorDemo;
import org.tailguard.sim.Simulator;
import org.tailguard.spec.ExperimentSpec;
import org.tailguard.spec.SpecLoader;
import org.tailguard.spec.WorkflowSpec;
import org.tailguard.store.Provenance;
import org.tailguard.store.Run;
import org.tailguard.store.RunStore;

/**
 * Real data for the dashboard tests: lab runs simulated into the run store (a Gaussian refitted to its own
 * samples, Shumailov et al. 2024, and a small Kneser–Ney run on Moby-Dick for the seed table), the monitor demo (a model
 * retrained on its own outputs version after version, and a stable control), and a guard pipeline summary in the
 * curate pipeline's {@code summary.json} format.
 */
final class DashboardFixture {
  static final ModelFamilies FAMILIES = ModelFamilies.discover();

  private DashboardFixture() {}

  /** Simulates the lab runs into {@code <dataDir>/tailguard.db}; returns the Gaussian and the text run. */
  static List<Run> labRuns(Path dataDir) throws IOException {
    SpecLoader loader = FAMILIES.specLoader();
    try (RunStore store = RunStore.openForWriting(dataDir.resolve("tailguard.db"))) {
      ExperimentSpec gauss = new ExperimentSpec("gaussian-replace", "A 1-D Gaussian refitted to 100 of its own samples "
          + "per generation: the variance drifts to zero.", "Shumailov et al., Nature 2024, Fig. 2", 2026L, 40, 40, null,
          GaussianSpec.standard(Estimator.UNBIASED), WorkflowSpec.replace(100), null);
      Run g = store.createRun(gauss, loader, Provenance.capture(1, List.of("test")));
      new Simulator(1).run(gauss, new GaussianFamily(GaussianSpec.standard(Estimator.UNBIASED)), store.sink(g.id()), null);
      g = store.markFinished(g.id());
      ExperimentSpec text = loader.parse("""
          name: ngram-moby-dick-small
          description: A Kneser-Ney bigram retrained on its own sentences.
          seed: 7
          chains: 2
          generations: 3
          model: {family: ngram, corpus: moby-dick, observer: brown:test:humor, order: 2, probe_sentences: 100}
          workflow: {type: replace, samples: 800}
          metrics: [types, heldout_ppl, unique_1, self_bleu]
          """, "fixture.yaml");
      Run t = store.createRun(text, loader, Provenance.capture(1, List.of("test")));
      new Simulator(1).run(text, FAMILIES.create(text.model()), store.sink(t.id()), null);
      t = store.markFinished(t.id());
      return List.of(g, t);
    }
  }

  /**
   * The monitor settings of the tests: the default rules and budgets, with Moby-Dick (the smallest bundled
   * corpus) as the human reference for both coverage and perplexity (tokenising SOTU and training the default
   * reference LM on it take most of a test's budget).
   */
  static MonitorConfig monitorConfig() {
    return MonitorConfig.defaults().withReference("moby-dick", "moby-dick");
  }

  /** The monitor demo at a size a test can afford, on Moby-Dick: generation 0 learns it, later ones their parent. */
  static MonitorDemo.Result monitorDemo(Monitor monitor) {
    return MonitorDemo.fill(monitor, new MonitorDemo.Options("moby-dick", "brown:test:humor", 1500, 4, 300, 20, 3, 30, 2024));
  }

  /** Writes a pipeline run folder {@code <dataDir>/pipelines/<name>/summary.json}. */
  static void pipeline(Path dataDir, String name) throws IOException {
    Path d = dataDir.resolve("pipelines").resolve(name);
    Files.createDirectories(d);
    Files.writeString(d.resolve("summary.json"), pipelineSummary());
  }

  /** A curation summary in the format {@code org.tailguard.exec.Curation} writes (two sources and a mixture). */
  static String pipelineSummary() {
    return """
        {
          "mixture" : "web-books-70-30",
          "sources" : {
            "web" : {
              "pipeline" : "web", "pipeline_sha256" : "3f2a9c0d1e2b4a5f6789abcdef0123456789abcdef0123456789abcdef012345",
              "documents_in" : 12000, "documents_out" : 7410, "tasks_run" : 4, "tasks_skipped" : 0,
              "stages" : [
                {"stage" : "language", "counters" : {"total" : 12000, "kept" : 11020, "dropped_not_english" : 980},
                 "histogram" : {"name" : "english_score", "lo" : 0.0, "hi" : 1.0, "bins" : 10, "counts" : [310, 220, 150, 130, 170, 260, 540, 1400, 3900, 4920]}},
                {"stage" : "gopher_quality", "counters" : {"total" : 11020, "kept" : 9310, "dropped_too_short" : 940, "dropped_symbol_ratio" : 770},
                 "histogram" : {"name" : "words", "lo" : 0, "hi" : 2000, "bins" : 20, "counts" : [940, 1210, 1500, 1480, 1290, 1010, 800, 640, 520, 410, 330, 260, 210, 170, 130, 100, 80, 60, 45, 35]}},
                {"stage" : "gopher_repetition", "counters" : {"total" : 9310, "kept" : 8640, "dropped_dup_line_frac" : 670},
                 "histogram" : {"name" : "dup_line_frac", "lo" : 0.0, "hi" : 1.0, "bins" : 10, "counts" : [6900, 1100, 640, 330, 150, 90, 50, 30, 12, 8]}},
                {"stage" : "minhash_dedup", "counters" : {"total" : 8640, "kept" : 7410, "dropped_near_duplicate" : 1230}}
              ],
              "outputs" : ["sources/web/out/00000.jsonl.zst"]
            },
            "books" : {
              "pipeline" : "books", "pipeline_sha256" : "9b1c0e4f5a6d7e8f90123456789abcdef0123456789abcdef0123456789abcd",
              "documents_in" : 3000, "documents_out" : 2790, "tasks_run" : 2, "tasks_skipped" : 0,
              "stages" : [
                {"stage" : "gopher_quality", "counters" : {"total" : 3000, "kept" : 2870, "dropped_too_short" : 130},
                 "histogram" : {"name" : "words", "lo" : 0, "hi" : 2000, "bins" : 20, "counts" : [130, 90, 110, 150, 190, 230, 260, 280, 270, 250, 220, 190, 160, 130, 100, 80, 60, 45, 35, 20]}},
                {"stage" : "minhash_dedup", "counters" : {"total" : 2870, "kept" : 2790, "dropped_near_duplicate" : 80}}
              ],
              "outputs" : ["sources/books/out/00000.jsonl.zst"]
            }
          },
          "mixture_result" : {
            "name" : "web-books-70-30", "seed" : 11, "unit" : "documents", "budget" : 8000, "overflow" : "fail",
            "sources" : [
              {"source" : "web", "tier" : "synthetic", "weight" : 0.7, "target" : 5600, "available" : 7410, "selected" : 5600, "documents" : 5600, "shortfall" : 0, "truncated" : 0, "file" : "web.jsonl.zst"},
              {"source" : "books", "tier" : "human", "weight" : 0.3, "target" : 2400, "available" : 2790, "selected" : 2400, "documents" : 2400, "shortfall" : 0, "truncated" : 0, "file" : "books.jsonl.zst"}
            ],
            "selected" : 8000
          }
        }
        """;
  }
}
