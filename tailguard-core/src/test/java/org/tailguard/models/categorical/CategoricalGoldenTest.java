package org.tailguard.models.categorical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.metrics.Diversity;
import org.tailguard.metrics.Summary;
import org.tailguard.sim.GenerationSink;
import org.tailguard.sim.MemorySink;
import org.tailguard.sim.Simulator;
import org.tailguard.spec.ExperimentSpec;
import org.tailguard.spec.Workflow;
import org.tailguard.spec.WorkflowSpec;
import org.tailguard.theory.CollapseLaws;

/**
 * Golden tests of the categorical family run end to end through {@link Simulator}: expected values come
 * from the formulas, with the tolerance stated at each assertion.
 */
class CategoricalGoldenTest {
  private static final int K = 1000;
  private static final int M = 1000;
  private static final double BETA = 1.2;

  private static ExperimentSpec spec(String name, CategoricalSpec model, WorkflowSpec workflow, long seed,
      int chains, int generations, List<String> metrics) {
    return new ExperimentSpec(name, null, null, seed, chains, generations, 1, model, workflow, metrics);
  }

  private static MemorySink run(ExperimentSpec spec, int threads) throws IOException {
    MemorySink sink = new MemorySink();
    new Simulator(threads).run(spec, new CategoricalFamily((CategoricalSpec) spec.model()), sink, null);
    return sink;
  }

  /**
   * Wright–Fisher heterozygosity: refitting the empirical distribution on M draws multiplies the expected
   * Gini-Simpson index by exactly (1 − 1/M) per fit, since E[Σp̂_i²] = Σ(p_i²(1 − 1/M) + p_i/M). Generation
   * 0 is already a fit to M real draws, so E[1 − Σp̂_g²] = (1 − 1/M)^{g+1} (1 − Σp₀²), with no
   * approximation (Seddik et al., arXiv 2404.05090). Zipf β = 1.2, K = M = 1000, 400 chains; tolerance 4
   * standard errors of the chain mean (the identity is exact, so there is no model term). By generation 200
   * the expectation has fallen by 0.17, about 25 standard errors: a wrong exponent or a biased sampler
   * fails.
   */
  @Test
  void giniSimpson_replaceDecaysAsWrightFisher() throws IOException {
    CategoricalSpec model = CategoricalSpec.zipf(K, BETA);
    MemorySink sink = run(spec("gs", model, WorkflowSpec.replace(M), 101, 400, 200, List.of("gini_simpson")), 2);
    double h0 = Diversity.giniSimpson(Zipf.probabilities(K, BETA));
    for (int g : new int[] {0, 1, 10, 50, 100, 200}) {
      Summary s = sink.summary("gini_simpson", g);
      double expected = CollapseLaws.giniSimpson(h0, M, g + 1); // generation g is the (g + 1)-th fit
      assertEquals(expected, s.mean(), 4 * s.standardError(), "generation " + g);
    }
    assertTrue(sink.summary("gini_simpson", 200).mean() < h0 - 0.1, "no decay");
  }

  /**
   * Under replace a model can only draw outcomes it has, so support never grows and lost mass never
   * falls, chain by chain; under accumulate the pool keeps every outcome ever drawn, so support never
   * falls and lost mass never grows. Exact statements, checked on every chain and generation.
   */
  @Test
  void support_replaceLosesAccumulateKeeps() throws IOException {
    CategoricalSpec model = CategoricalSpec.zipf(K, BETA);
    WorkflowSpec accumulate = new WorkflowSpec(Workflow.ACCUMULATE, M, null, null, null, null, null);
    MemorySink replace = run(spec("rep", model, WorkflowSpec.replace(M), 102, 40, 60, List.of()), 2);
    MemorySink accum = run(spec("acc", model, accumulate, 102, 40, 60, List.of()), 2);
    for (int g = 1; g <= 60; g++) {
      double[] rs = replace.values("support", g);
      double[] rsPrev = replace.values("support", g - 1);
      double[] rl = replace.values("lost_mass", g);
      double[] rlPrev = replace.values("lost_mass", g - 1);
      double[] as = accum.values("support", g);
      double[] asPrev = accum.values("support", g - 1);
      double[] al = accum.values("lost_mass", g);
      double[] alPrev = accum.values("lost_mass", g - 1);
      for (int c = 0; c < rs.length; c++) {
        assertTrue(rs[c] <= rsPrev[c], "replace support grew, chain " + c + ", generation " + g);
        assertTrue(rl[c] >= rlPrev[c] - 1e-15, "replace lost mass fell, chain " + c + ", generation " + g);
        assertTrue(as[c] >= asPrev[c], "accumulate support fell, chain " + c + ", generation " + g);
        assertTrue(al[c] <= alPrev[c] + 1e-15, "accumulate lost mass grew, chain " + c + ", generation " + g);
      }
    }
    // both start from the same real data (same seed), then replace loses what accumulate keeps
    assertArrayEquals(replace.values("support", 0), accum.values("support", 0));
    assertTrue(replace.summary("support", 60).median() < 0.5 * accum.summary("support", 60).median());
  }

  /** The other workflows run, keep every indicator in range, and the kept real share slows the loss. */
  @Test
  void workflows_allRunWithIndicatorsInRange() throws IOException {
    CategoricalSpec model = CategoricalSpec.zipf(200, BETA);
    List<WorkflowSpec> workflows = List.of(
        new WorkflowSpec(Workflow.ACCUMULATE_SUBSAMPLE, 300, null, null, null, null, null),
        new WorkflowSpec(Workflow.FRESH, 300, 200, null, 100, null, null),
        new WorkflowSpec(Workflow.KEEP_ORIGINAL, 300, null, null, null, 0.1, null),
        new WorkflowSpec(Workflow.REPLACE, 300, null, null, null, null, 0.7));
    for (WorkflowSpec w : workflows) {
      MemorySink sink = run(spec("wf", model, w, 103, 20, 15, List.of()), 2);
      for (int g = 0; g <= 15; g++) {
        for (int c = 0; c < 20; c++) {
          double support = sink.values("support", g)[c];
          assertTrue(support >= 1 && support <= 200, w.type() + " support " + support);
          for (String name : List.of("lost_mass", "tail_mass", "tv", "gini_simpson")) {
            double v = sink.values(name, g)[c];
            assertTrue(v >= 0 && v <= 1, w.type() + " " + name + " = " + v);
          }
          assertTrue(sink.values("kl", g)[c] >= 0);
          assertTrue(sink.values("entropy", g)[c] <= Math.log(support) + 1e-12);
        }
      }
    }
  }

  /** Sampling bias λ < 1 narrows each generation, so the support collapses faster than at λ = 1. */
  @Test
  void bias_narrowingSpeedsUpTailLoss() throws IOException {
    CategoricalSpec model = CategoricalSpec.zipf(K, BETA);
    MemorySink unbiased = run(spec("b1", model, WorkflowSpec.replace(M), 104, 30, 10, List.of("support")), 2);
    MemorySink biased = run(spec("b7", model, WorkflowSpec.replace(M).withBias(0.7), 104, 30, 10,
        List.of("support")), 2);
    assertTrue(biased.summary("support", 10).p90() < unbiased.summary("support", 10).p10());
  }

  /** Same seed, same values on every chain, whatever the thread count. */
  @Test
  void run_sameSeedSameValuesOnOneOrTwoThreads() throws IOException {
    ExperimentSpec s = spec("det", CategoricalSpec.uniform(300), WorkflowSpec.replace(200), 105, 16, 25, List.of());
    MemorySink one = run(s, 1);
    MemorySink two = run(s, 2);
    for (int g = 0; g <= 25; g++) {
      for (var indicator : one.indicators()) {
        assertArrayEquals(one.values(indicator.name(), g), two.values(indicator.name(), g),
            indicator.name() + " at generation " + g);
      }
    }
  }

  /**
   * A run resumed from a checkpoint (counts written and read back) gives the values of an uninterrupted
   * run: the checkpoint fingerprint ignores the generation count, so a 6-generation run's checkpoint
   * resumes a 12-generation run.
   */
  @Test
  void run_resumedFromCheckpointMatchesUninterrupted(@TempDir Path dir) throws IOException {
    WorkflowSpec accumulate = new WorkflowSpec(Workflow.ACCUMULATE_SUBSAMPLE, 200, null, 150, null, null, null);
    ExperimentSpec full = spec("ckpt", CategoricalSpec.zipf(300, BETA), accumulate, 106, 8, 12, List.of());
    CategoricalFamily family = new CategoricalFamily((CategoricalSpec) full.model());
    MemorySink straight = new MemorySink();
    new Simulator(2).run(full, family, straight, null);
    Path file = dir.resolve("run.ckpt");
    new Simulator(2).run(full.withSize(8, 5), family, new MemorySink(), file);
    Map<Integer, double[][]> resumed = new TreeMap<>();
    GenerationSink record = (g, rows) -> resumed.put(g, Arrays.stream(rows).map(double[]::clone)
        .toArray(double[][]::new));
    Simulator.Outcome o = new Simulator(1).run(full, family, record, file);
    assertTrue(o.resumed());
    assertEquals(6, o.firstGeneration());
    assertEquals(List.of(6, 7, 8, 9, 10, 11, 12), List.copyOf(resumed.keySet()));
    for (int g = 6; g <= 12; g++) {
      for (int i = 0; i < straight.indicators().size(); i++) {
        String name = straight.indicators().get(i).name();
        double[] column = new double[8];
        for (int c = 0; c < 8; c++) {
          column[c] = resumed.get(g)[c][i];
        }
        assertArrayEquals(straight.values(name, g), column, name + " at generation " + g);
      }
    }
  }
}
