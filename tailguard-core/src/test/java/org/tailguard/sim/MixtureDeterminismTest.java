package org.tailguard.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.models.Indicator;
import org.tailguard.models.ModelFamily;
import org.tailguard.models.gmm.GmmFamily;
import org.tailguard.models.gmm.GmmSpec;
import org.tailguard.models.gmm.MixtureTruthSpec;
import org.tailguard.models.kde.BandwidthRule;
import org.tailguard.models.kde.KdeFamily;
import org.tailguard.models.kde.KdeSpec;
import org.tailguard.spec.ExperimentSpec;
import org.tailguard.spec.Workflow;
import org.tailguard.spec.WorkflowSpec;

/**
 * Same seed, same numbers: every indicator of every chain and generation is bit-identical on 1 and 2
 * threads, and a run resumed from a checkpoint reproduces the uninterrupted run. Every indicator is
 * switched on, including the sampled ones (k-NN precision/recall, modes covered, the KDE's Monte-Carlo
 * cross-entropy and subset L2 estimate), with workflows that use the WORKFLOW stream and a bias λ < 1.
 */
class MixtureDeterminismTest {
  private static final GmmSpec GMM_SPEC = new GmmSpec(9, MixtureTruthSpec.grid(3, 2, 0.01), null, null, null, 100);
  private static final KdeSpec KDE_SPEC = new KdeSpec(MixtureTruthSpec.grid(3, 2, 0.01), BandwidthRule.SCOTT, null,
      100, 50, 150);
  private static final GmmFamily GMM = new GmmFamily(GMM_SPEC);
  private static final KdeFamily KDE = new KdeFamily(KDE_SPEC);

  private static ExperimentSpec spec(ModelFamily<?, ?> family, WorkflowSpec workflow, int generations) {
    return new ExperimentSpec("determinism", null, null, 42L, 6, generations, null,
        family == GMM ? GMM_SPEC : KDE_SPEC, workflow, family.indicators().stream().map(Indicator::name).toList());
  }

  private static MemorySink run(ModelFamily<?, ?> family, ExperimentSpec spec, int threads) throws Exception {
    MemorySink sink = new MemorySink();
    new Simulator(threads).run(spec, family, sink, null);
    return sink;
  }

  private static void assertSame(MemorySink a, MemorySink b, int fromGeneration) {
    assertEquals(a.size(), b.size());
    for (Indicator ind : a.indicators()) {
      for (int g = fromGeneration; g < a.size(); g++) {
        assertArrayEquals(a.values(ind.name(), g), b.values(ind.name(), g), ind.name() + " at generation " + g);
      }
    }
  }

  @Test
  void gmm_oneAndTwoThreads_giveIdenticalChains() throws Exception {
    ExperimentSpec s = spec(GMM, new WorkflowSpec(Workflow.ACCUMULATE_SUBSAMPLE, 120, 60, 120, null, null, 0.8), 4);
    MemorySink one = run(GMM, s, 1);
    assertSame(one, run(GMM, s, 2), 0);
    assertEquals(7, one.indicators().size());
  }

  @Test
  void kde_oneAndTwoThreads_giveIdenticalChains() throws Exception {
    // accumulate grows the pool past l2_max_points = 150, so the subset estimator (METRIC stream) is used
    ExperimentSpec s = spec(KDE, new WorkflowSpec(Workflow.ACCUMULATE, 60, null, null, null, null, 0.9), 4);
    MemorySink one = run(KDE, s, 1);
    assertSame(one, run(KDE, s, 2), 0);
    assertTrue(one.values("nll_true", 4)[0] > 0);
  }

  @Test
  void gmm_resumedFromCheckpoint_matchesUninterruptedRun(@TempDir Path dir) throws Exception {
    WorkflowSpec w = new WorkflowSpec(Workflow.KEEP_ORIGINAL, 100, null, null, null, 0.1, 1.0);
    MemorySink whole = run(GMM, spec(GMM, w, 4), 2);
    Path cp = dir.resolve("gmm.ckpt");
    MemorySink resumed = new MemorySink();
    new Simulator(1).run(spec(GMM, w, 2), GMM, resumed, cp);
    Simulator.Outcome out = new Simulator(2).run(spec(GMM, w, 4), GMM, resumed, cp);
    assertTrue(out.resumed());
    assertEquals(3, out.firstGeneration());
    assertSame(whole, resumed, 0);
  }
}
