package org.tailguard.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tailguard.models.Indicator;
import org.tailguard.models.gaussian.Estimator;
import org.tailguard.models.gaussian.GaussianFamily;
import org.tailguard.models.gaussian.GaussianSpec;
import org.tailguard.spec.ExperimentSpec;
import org.tailguard.spec.SpecException;
import org.tailguard.spec.Workflow;
import org.tailguard.spec.WorkflowSpec;

class SimulatorTest {
  private static final GaussianSpec MODEL = new GaussianSpec(2, Estimator.UNBIASED, 0.0, 1.0, 20);

  static WorkflowSpec workflow(Workflow type) {
    return switch (type) {
      case REPLACE -> WorkflowSpec.replace(30);
      case ACCUMULATE -> new WorkflowSpec(type, 30, null, null, null, null, null);
      case ACCUMULATE_SUBSAMPLE -> new WorkflowSpec(type, 30, 20, 40, null, null, 0.9);
      case FRESH -> new WorkflowSpec(type, 30, 15, null, 10, null, null);
      case KEEP_ORIGINAL -> new WorkflowSpec(type, 30, null, null, null, 0.1, null);
    };
  }

  static ExperimentSpec spec(WorkflowSpec wf, int generations) {
    return new ExperimentSpec("sim-test", null, null, 5L, 24, generations, null, MODEL, wf,
        List.of("mean_sq_error", "variance", "w2", "w2_first", "recall"));
  }

  static MemorySink run(ExperimentSpec spec, int threads, Path checkpoint) throws IOException {
    MemorySink sink = new MemorySink();
    new Simulator(threads).run(spec, new GaussianFamily(MODEL), sink, checkpoint);
    return sink;
  }

  static void assertSameRun(MemorySink a, MemorySink b, int fromGeneration) {
    assertEquals(a.size(), b.size());
    for (Indicator ind : a.indicators()) {
      for (int g = fromGeneration; g < a.size(); g++) {
        assertArrayEquals(a.values(ind.name(), g), b.values(ind.name(), g), ind.name() + " at generation " + g);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Workflow.class)
  void sameSeed_sameValues_whateverTheThreadCount(Workflow type) throws IOException {
    ExperimentSpec spec = spec(workflow(type), 8);
    assertSameRun(run(spec, 1, null), run(spec, 2, null), 0);
    assertSameRun(run(spec, 1, null), run(spec, 3, null), 0);
  }

  @Test
  void otherSeed_otherValues() throws IOException {
    ExperimentSpec spec = spec(workflow(Workflow.REPLACE), 3);
    assertNotEquals(run(spec, 2, null).values("variance", 3)[0], run(spec.withSeed(6), 2, null).values("variance", 3)[0]);
  }

  @ParameterizedTest
  @EnumSource(Workflow.class)
  void resumedRun_equalsUninterruptedRun(Workflow type, @TempDir Path dir) throws IOException {
    ExperimentSpec full = spec(workflow(type), 12);
    MemorySink uninterrupted = run(full, 2, null);
    Path ckpt = dir.resolve("checkpoint.bin");
    // The first attempt dies after delivering generation 6 (checkpoint written after each generation).
    MemorySink partial = new MemorySink();
    GenerationSink dying = new GenerationSink() {
      @Override
      public void start(List<Indicator> indicators, int resumeAfter) {
        partial.start(indicators, resumeAfter);
      }

      @Override
      public void generation(int g, double[][] values) {
        if (g == 7) {
          throw new IllegalStateException("killed");
        }
        partial.generation(g, values);
      }
    };
    assertThrows(IllegalStateException.class,
        () -> new Simulator(2).run(full, new GaussianFamily(MODEL), dying, ckpt));
    Simulator.Outcome outcome = new Simulator(1).run(full, new GaussianFamily(MODEL), partial, ckpt);
    assertTrue(outcome.resumed());
    assertEquals(7, outcome.firstGeneration());
    assertSameRun(uninterrupted, partial, 0);
  }

  @Test
  void keepOriginalWithGammaOne_neverCollapses() throws IOException {
    MemorySink s = run(spec(new WorkflowSpec(Workflow.KEEP_ORIGINAL, 30, null, null, null, 1.0, null), 10), 2, null);
    // γ=1 trains on a permutation of the real data every time: equal up to summation order.
    assertArrayEquals(s.values("variance", 0), s.values("variance", 10), 1e-12);
  }

  /**
   * Fresh data with no synthetic share is plain resampling: generation 30's fits are independent draws of
   * the same law as generation 0's, so a two-sample Kolmogorov–Smirnov test must not reject (p > 0.001);
   * the same test must reject replacement at generation 30, whose variance has collapsed by then.
   */
  @Test
  void freshWithoutSynthetic_isPlainResampling() throws IOException {
    KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
    WorkflowSpec fresh = new WorkflowSpec(Workflow.FRESH, 30, 0, null, 30, null, null);
    ExperimentSpec spec = new ExperimentSpec("fresh", null, null, 8L, 400, 30, null, MODEL, fresh, List.of("variance"));
    MemorySink s = run(spec, 2, null);
    assertTrue(ks.kolmogorovSmirnovTest(s.values("variance", 0), s.values("variance", 30)) > 1e-3);
    MemorySink r = run(spec.withWorkflow(WorkflowSpec.replace(30)), 2, null);
    assertTrue(ks.kolmogorovSmirnovTest(r.values("variance", 0), r.values("variance", 30)) < 1e-6);
  }

  @Test
  void corruptCheckpoint_isReportedNotUsed(@TempDir Path dir) throws IOException {
    ExperimentSpec spec = spec(workflow(Workflow.REPLACE), 3);
    Path ckpt = dir.resolve("c.bin");
    run(spec, 2, ckpt);
    byte[] b = Files.readAllBytes(ckpt);
    b[b.length / 2] ^= 0x5A;
    Files.write(ckpt, b);
    IOException e = assertThrows(IOException.class, () -> run(spec, 2, ckpt));
    assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
  }

  @Test
  void checkpointOfAnotherSpec_isRefused(@TempDir Path dir) throws IOException {
    Path ckpt = dir.resolve("c.bin");
    run(spec(workflow(Workflow.REPLACE), 3), 2, ckpt);
    IOException e = assertThrows(IOException.class, () -> run(spec(workflow(Workflow.REPLACE), 3).withSeed(99), 2, ckpt));
    assertTrue(e.getMessage().contains("different spec"), e.getMessage());
  }

  @Test
  void unknownMetric_namesTheField() {
    ExperimentSpec bad = new ExperimentSpec("x", null, null, 1L, 2, 1, null, MODEL, WorkflowSpec.replace(10),
        List.of("variance", "nope"));
    SpecException e = assertThrows(SpecException.class, () -> run(bad, 1, null));
    assertTrue(e.getMessage().startsWith("metrics[1]: unknown indicator 'nope'"), e.getMessage());
  }

  @Test
  void metricPrefix_selectsEveryIndicatorItStarts() {
    List<Indicator> all = List.of(Indicator.of("a", "a"), Indicator.optIn("h_bin_00", "bin 0"),
        Indicator.optIn("h_bin_01", "bin 1"), Indicator.of("h_median", "median"));
    ExperimentSpec s = new ExperimentSpec("x", null, null, 1L, 2, 1, null, MODEL, WorkflowSpec.replace(10),
        List.of("a", "h_bin_*"));
    assertArrayEquals(new boolean[] {true, true, true, false}, Simulator.selectIndicators(s, all));
    ExperimentSpec none = new ExperimentSpec("x", null, null, 1L, 2, 1, null, MODEL, WorkflowSpec.replace(10),
        List.of("a", "z_*"));
    SpecException e = assertThrows(SpecException.class, () -> Simulator.selectIndicators(none, all));
    assertTrue(e.getMessage().startsWith("metrics[1]: no indicator starts with 'z_'"), e.getMessage());
  }
}
