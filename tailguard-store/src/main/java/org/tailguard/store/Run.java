package org.tailguard.store;

import java.time.Instant;
import org.tailguard.spec.ExperimentSpec;
import org.tailguard.spec.SpecLoader;

/**
 * A run as recorded in the store: its identity, spec, progress and provenance.
 *
 * <p>The canonical JSON spec and its SHA-256 identify the experiment (a resumed run must match it); the
 * YAML form is what reports show. {@code lastGeneration} is the last generation written completely (−1
 * before generation 0): the store writes each generation in one transaction.
 *
 * @param id the human-friendly run id, such as {@code 20261122-0103-gaussian-replace-3f2a}
 * @param name the spec's name
 * @param description the spec's description, or null
 * @param reproduces the paper and figure the spec reproduces, or null
 * @param family the model family, such as {@code gaussian}
 * @param workflow the workflow id, such as {@code replace}
 * @param status the life-cycle state
 * @param message why it failed or was interrupted, or null
 * @param specJson the canonical JSON spec (sorted keys, defaults filled in)
 * @param specYaml the spec as YAML, with defaults filled in
 * @param specSha256 the SHA-256 of {@code specJson}, in hex
 * @param seed the experiment seed
 * @param chains the number of chains
 * @param generations the last generation the spec asks for
 * @param lastGeneration the last generation stored completely, or −1
 * @param perChain whether per-chain values are stored (otherwise summaries only)
 * @param created when the run was created
 * @param updated when the run last changed
 * @param provenance the environment that ran it
 */
public record Run(
    String id, String name, String description, String reproduces, String family, String workflow,
    RunStatus status, String message, String specJson, String specYaml, String specSha256, long seed,
    int chains, int generations, int lastGeneration, boolean perChain, Instant created, Instant updated,
    Provenance provenance) {

  /** The stored spec, parsed back with a loader that knows its family. */
  public ExperimentSpec spec(SpecLoader loader) {
    return loader.fromCanonicalJson(specJson);
  }

  /** Whether every generation the spec asks for is stored. */
  public boolean complete() {
    return lastGeneration == generations;
  }
}
