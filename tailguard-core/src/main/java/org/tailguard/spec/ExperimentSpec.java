package org.tailguard.spec;

import java.util.List;

/**
 * One recursive-training experiment: a model family, a data workflow, how many chains and generations.
 *
 * <p>A chain is one independent run of the loop fit → sample → refit; metrics are aggregated over chains
 * as median and 10th/90th percentiles because, for example, E[σ²] is a martingale under the unbiased
 * Gaussian estimator while the median collapses (Shumailov et al., Nature 2024, Thm 3.1). Generation 0 is
 * the model fitted to real data; generation g ≥ 1 is fitted to the data its workflow assembles.
 *
 * @param name a short identifier, used in reports
 * @param description what the experiment shows
 * @param reproduces the paper and figure or result the experiment reproduces, if any
 * @param seed the experiment seed; same seed, same results, whatever the thread count (default 1)
 * @param chains the number of independent chains (default 100)
 * @param generations the last generation to run; generations 0..generations are run
 * @param checkpointEvery write a resumable checkpoint every this many generations (default 1)
 * @param model the model family and its parameters
 * @param workflow the data workflow
 * @param metrics indicators to record; null or empty records the family's defaults; an entry ending in
 *     {@code *} names every indicator that starts with the text before it
 */
public record ExperimentSpec(
    String name, String description, String reproduces, Long seed, Integer chains, Integer generations,
    Integer checkpointEvery, ModelSpec model, WorkflowSpec workflow, List<String> metrics) {

  public ExperimentSpec {
    Check.required("name", name);
    Check.name("name", name);
    seed = seed == null ? 1L : seed;
    chains = chains == null ? 100 : chains;
    Check.atLeast("chains", chains, 1);
    Check.required("generations", generations);
    Check.atLeast("generations", generations, 0);
    checkpointEvery = checkpointEvery == null ? 1 : checkpointEvery;
    Check.atLeast("checkpoint_every", checkpointEvery, 1);
    Check.required("model", model);
    Check.required("workflow", workflow);
    model.checkWorkflow(workflow);
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
  }

  /** A copy with a different seed, for seed sweeps. */
  public ExperimentSpec withSeed(long newSeed) {
    return new ExperimentSpec(name, description, reproduces, newSeed, chains, generations, checkpointEvery,
        model, workflow, metrics);
  }

  /** A copy with a different number of chains and generations, for quick runs. */
  public ExperimentSpec withSize(int newChains, int newGenerations) {
    return new ExperimentSpec(name, description, reproduces, seed, newChains, newGenerations,
        checkpointEvery, model, workflow, metrics);
  }

  /** A copy with a different workflow. */
  public ExperimentSpec withWorkflow(WorkflowSpec newWorkflow) {
    return new ExperimentSpec(name, description, reproduces, seed, chains, generations, checkpointEvery,
        model, newWorkflow, metrics);
  }
}
