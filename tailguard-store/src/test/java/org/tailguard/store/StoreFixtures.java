package org.tailguard.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.tailguard.models.ModelFamilies;
import org.tailguard.models.gaussian.Estimator;
import org.tailguard.models.gaussian.GaussianFamily;
import org.tailguard.models.gaussian.GaussianSpec;
import org.tailguard.sim.GenerationSink;
import org.tailguard.sim.Simulator;
import org.tailguard.spec.ExperimentSpec;
import org.tailguard.spec.SpecLoader;
import org.tailguard.spec.WorkflowSpec;

/** Small Gaussian experiments for store tests. */
final class StoreFixtures {
  static final SpecLoader LOADER = ModelFamilies.discover().specLoader();

  private StoreFixtures() {}

  /** The unbiased 1-D Gaussian under replacement, M = 100 (Shumailov et al., Nature 2024, Thm 3.1). */
  static ExperimentSpec gaussian(String name, long seed, int chains, int generations) {
    return new ExperimentSpec(name, "Variance collapse of a refitted Gaussian",
        "Shumailov et al., Nature 2024, Fig. 2", seed, chains, generations, null,
        GaussianSpec.standard(Estimator.UNBIASED), WorkflowSpec.replace(100), null);
  }

  static Provenance provenance() {
    return Provenance.capture(1, List.of("run", "test.yaml"));
  }

  /** Runs a spec through the simulator into a sink. */
  static void simulate(ExperimentSpec spec, GenerationSink sink) {
    try {
      new Simulator(1).run(spec, new GaussianFamily(GaussianSpec.standard(Estimator.UNBIASED)), sink, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates a run of the spec, simulates it and marks it finished. */
  static Run storedRun(RunStore store, ExperimentSpec spec) {
    Run run = store.createRun(spec, LOADER, provenance());
    simulate(spec, store.sink(run.id()));
    return store.markFinished(run.id());
  }
}
