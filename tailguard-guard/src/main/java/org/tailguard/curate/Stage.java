package org.tailguard.curate;

/**
 * One step of a curation pipeline (datatrove's {@code PipelineStep}; style patterns 7 and 9).
 *
 * <p>Two kinds: a {@link DocStage} decides about each document alone, so it runs on any shard in any order;
 * a {@link GlobalStage} (deduplication) needs every document, so it splits into a per-document key and a
 * decision over all keys. Stages are built from serialisable {@link StageConfig}s, are thread-safe, and are
 * pure: the same input and config give the same verdicts on any executor and any thread count.
 */
public sealed interface Stage permits DocStage, GlobalStage {

  /** The stage's name in the pipeline, used in counters, exclusion folders and attribute names. */
  String name();

  /** The histogram of the stage's primary score in the run summary, or null if it has none. */
  default Histogram.Spec histogram() {
    return null;
  }
}
